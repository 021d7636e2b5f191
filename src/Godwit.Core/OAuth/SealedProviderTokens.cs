using System.Text;
using System.Text.Json;
using Godwit.Core.Security;

namespace Godwit.Core.OAuth;

/// <summary>
/// The provider's tokens between the callback and the application's authenticate call, sealed with
/// the project's keys and bound to their grant's row, so a database reader learns nothing and a
/// sealed value copied into another grant does not open there.
/// </summary>
internal static class SealedProviderTokens
{
    public static byte[] Seal(ProjectKeys keys, string grantId, ProviderTokens tokens)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("access_token", tokens.AccessToken);
            writer.WriteString("refresh_token", tokens.RefreshToken);
            writer.WriteString("id_token", tokens.IdToken);
            writer.WriteStartArray("scopes");
            foreach (var scope in tokens.Scopes)
            {
                writer.WriteStringValue(scope);
            }

            writer.WriteEndArray();
            if (tokens.ExpiresAt is { } expiresAt)
            {
                writer.WriteString("expires_at", DateTime.SpecifyKind(expiresAt, DateTimeKind.Utc));
            }

            writer.WriteEndObject();
        }

        return keys.Encryption.Seal(SealPurpose.OAuthFlow, buffer.ToArray(), AssociatedData(grantId));
    }

    /// <summary>The tokens, or null when no key of the ring opens them for this grant.</summary>
    public static ProviderTokens? Open(ProjectKeys keys, string grantId, byte[] sealedTokens)
    {
        if (keys.Encryption.Open(SealPurpose.OAuthFlow, sealedTokens, AssociatedData(grantId)) is not { } opened)
        {
            return null;
        }

        using var json = JsonDocument.Parse(opened.Plaintext);
        var root = json.RootElement;
        return new ProviderTokens(
            root.GetProperty("access_token").GetString()!,
            root.GetProperty("refresh_token").GetString()!,
            root.GetProperty("id_token").GetString()!,
            [.. root.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()!)],
            root.TryGetProperty("expires_at", out var expires) ? expires.GetDateTime().ToUniversalTime() : null);
    }

    public static byte[] SealVerifier(ProjectKeys keys, string stateId, string verifier) =>
        keys.Encryption.Seal(SealPurpose.OAuthFlow, Encoding.ASCII.GetBytes(verifier), AssociatedData(stateId));

    public static string? OpenVerifier(ProjectKeys keys, OAuthFlowState state) =>
        keys.Encryption.Open(SealPurpose.OAuthFlow, state.SealedProviderVerifier, AssociatedData(state.OAuthStateId)) is { } opened
            ? Encoding.ASCII.GetString(opened.Plaintext)
            : null;

    private static byte[] AssociatedData(string rowId) => Encoding.UTF8.GetBytes(rowId);
}
