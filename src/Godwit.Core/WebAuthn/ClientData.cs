using System.Text.Json;
using Godwit.Core.Errors;
using Godwit.Core.Security;

namespace Godwit.Core.WebAuthn;

/// <summary>
/// The client data the browser collected and the authenticator signed over (WebAuthn §5.8.1
/// CollectedClientData): what the browser says it was asked, by which page.
/// </summary>
public sealed record ClientData(string Type, byte[] Challenge, string Origin, bool CrossOrigin, string? TopOrigin)
{
    /// <summary>
    /// WebAuthn §7.1 steps 5 and 6 (§7.2 steps 9 and 10): UTF-8 decode the clientDataJSON and parse it
    /// as JSON. Only the members Godwit checks are read; others are allowed, as the spec requires.
    /// </summary>
    public static Result<ClientData> Parse(byte[] clientDataJson)
    {
        try
        {
            // JsonDocument rejects bytes that are not UTF-8.
            using var document = JsonDocument.Parse(clientDataJson, new JsonDocumentOptions { MaxDepth = 16 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("challenge", out var challenge) || challenge.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("origin", out var origin) || origin.ValueKind != JsonValueKind.String
                || !LenientBase64.TryDecode(challenge.GetString(), out var challengeBytes))
            {
                return ErrorCatalog.PublicKeyCredentialMalformedClientData;
            }

            var crossOrigin = root.TryGetProperty("crossOrigin", out var cross) && cross.ValueKind == JsonValueKind.True;
            var topOrigin = root.TryGetProperty("topOrigin", out var top) && top.ValueKind == JsonValueKind.String ? top.GetString() : null;
            return new ClientData(type.GetString()!, challengeBytes, origin.GetString()!, crossOrigin, topOrigin);
        }
        catch (JsonException)
        {
            return ErrorCatalog.PublicKeyCredentialMalformedClientData;
        }
    }
}
