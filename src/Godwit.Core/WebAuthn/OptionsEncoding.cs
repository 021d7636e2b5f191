using System.Text.Json.Nodes;
using Godwit.Core.Security;

namespace Godwit.Core.WebAuthn;

/// <summary>
/// The options JSON handed to the browser. Godwit keeps base64url (what
/// <c>PublicKeyCredential.parseCreationOptionsFromJSON</c> and webauthn-json read); without
/// <c>use_base64_url_encoding</c> the binary members are written in standard base64, as Stytch does.
/// </summary>
public static class OptionsEncoding
{
    public static string Encode(string fido2Json, bool base64Url)
    {
        if (base64Url)
        {
            return fido2Json;
        }

        var options = JsonNode.Parse(fido2Json)!.AsObject();
        Recode(options, "challenge");
        if (options["user"] is JsonObject user)
        {
            Recode(user, "id");
        }

        foreach (var list in (string[])["excludeCredentials", "allowCredentials"])
        {
            if (options[list] is JsonArray credentials)
            {
                foreach (var credential in credentials.OfType<JsonObject>())
                {
                    Recode(credential, "id");
                }
            }
        }

        return options.ToJsonString();
    }

    private static void Recode(JsonObject parent, string name)
    {
        if (parent[name]?.GetValue<string>() is { } text && LenientBase64.TryDecode(text, out var bytes))
        {
            parent[name] = Convert.ToBase64String(bytes);
        }
    }
}
