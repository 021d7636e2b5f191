using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Godwit.Core.Users;

namespace Godwit.Import.Targets;

/// <summary>
/// Imports into a running Godwit through <c>POST /v1/users/import</c>, up to a thousand users per
/// request. Each migrated hash travels in the migrate request's shape, which is how it is stored.
/// </summary>
public sealed class GodwitApiTarget(HttpClient http) : IBulkUserWriter
{
    public const int UsersPerRequest = 1_000;

    public async Task<IReadOnlyList<BulkOutcome>> WriteAsync(IReadOnlyList<User> users, bool upsert, CancellationToken cancellationToken)
    {
        var outcomes = new List<BulkOutcome>(users.Count);
        foreach (var chunk in users.Chunk(UsersPerRequest))
        {
            var body = new JsonObject { ["users"] = new JsonArray(chunk.Select(ToRequest).ToArray<JsonNode?>()), ["upsert"] = upsert };
            using var response = await http.PostAsync("v1/users/import", JsonContent.Create(body), cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"POST /v1/users/import answered {(int)response.StatusCode}: {text}");
            }

            using var answer = JsonDocument.Parse(text);
            foreach (var result in answer.RootElement.GetProperty("results").EnumerateArray())
            {
                var userId = result.GetProperty("user_id").GetString();
                outcomes.Add(result.GetProperty("outcome").GetString() switch
                {
                    "created" => new BulkOutcome.Created(userId!),
                    "updated" => new BulkOutcome.Updated(userId!),
                    "skipped" => new BulkOutcome.Matched(userId!),
                    _ => new BulkOutcome.Conflict(result.GetProperty("error_type").GetString() ?? "failed", result.GetProperty("error_message").GetString() ?? ""),
                });
            }
        }

        return outcomes;
    }

    private static JsonObject ToRequest(User user)
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
            row["set_email_verified"] = email.Verified;
        }

        if (user.Phones.FirstOrDefault() is { } phone)
        {
            row["phone_number"] = phone.Number;
            row["set_phone_number_verified"] = phone.Verified;
        }

        // A migrated hash is stored as {"hash_type", "hash", "<x>_config"}: exactly the fields to send.
        if (user.Password is { } password && JsonNode.Parse(password.Hash) is JsonObject hash)
        {
            foreach (var (name, value) in hash.ToList())
            {
                hash.Remove(name);
                row[name] = value;
            }
        }

        return row;
    }
}
