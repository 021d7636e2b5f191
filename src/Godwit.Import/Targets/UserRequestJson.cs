using System.Text.Json.Nodes;
using Godwit.Core.Users;

namespace Godwit.Import.Targets;

/// <summary>A user as Create User, Migrate Password and the bulk import take it, shared by the API targets.</summary>
internal static class UserRequestJson
{
    /// <summary>Name, metadata, external_id, email and phone, with their verified flags when asked.</summary>
    public static JsonObject Of(User user, bool withVerifiedFlags)
    {
        var row = new JsonObject
        {
            ["external_id"] = user.ExternalId,
            ["name"] = new JsonObject { ["first_name"] = user.FirstName, ["middle_name"] = user.MiddleName, ["last_name"] = user.LastName },
            ["trusted_metadata"] = JsonNode.Parse(user.TrustedMetadata),
            ["untrusted_metadata"] = JsonNode.Parse(user.UntrustedMetadata),
        };
        if (user.Emails.FirstOrDefault() is { } email)
        {
            row["email"] = email.Address;
            if (withVerifiedFlags)
            {
                row["set_email_verified"] = email.Verified;
            }
        }

        if (user.Phones.FirstOrDefault() is { } phone)
        {
            row["phone_number"] = phone.Number;
            if (withVerifiedFlags)
            {
                row["set_phone_number_verified"] = phone.Verified;
            }
        }

        return row;
    }

    /// <summary>
    /// Adds a migrated hash's fields: it is stored as {"hash_type", "hash", "&lt;x&gt;_config"}, exactly
    /// what Migrate Password takes. False when the user has no such hash.
    /// </summary>
    public static bool AddPasswordHash(JsonObject row, User user)
    {
        if (user.Password is not { } password || JsonNode.Parse(password.Hash) is not JsonObject hash)
        {
            return false;
        }

        foreach (var (name, value) in hash.ToList())
        {
            hash.Remove(name);
            row[name] = value;
        }

        return true;
    }
}
