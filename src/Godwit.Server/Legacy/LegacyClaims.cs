using System.Text.Json;
using Godwit.Core.Legacy;
using Godwit.Core.Users;

namespace Godwit.Server.Legacy;

/// <summary>
/// Reads OpenID Connect standard claims (from a UserInfo answer or a legacy JWT's payload) into what
/// Godwit keeps: the email, whether it is verified, and the name.
/// </summary>
internal static class LegacyClaims
{
    /// <summary>The email claim's value in normal form, or null when it is absent or not a valid email.</summary>
    public static string? Email(JsonElement claims, string claim) =>
        claims.TryGetProperty(claim, out var email) && email.ValueKind == JsonValueKind.String && EmailAddress.TryNormalize(email.GetString(), out var normalized)
            ? normalized
            : null;

    public static LegacyProfile Profile(JsonElement claims)
    {
        var name = new PersonName(Text(claims, "given_name"), Text(claims, "middle_name"), Text(claims, "family_name"));
        return new LegacyProfile(
            EmailVerified(claims),
            name.FirstName is null && name.MiddleName is null && name.LastName is null ? null : name,
            null,
            null,
            null);
    }

    /// <summary>
    /// True only for <c>true</c>. OIDC makes <c>email_verified</c> a boolean, but some providers
    /// (Amazon Cognito among them) send the string <c>"true"</c>, which means the same.
    /// </summary>
    private static bool EmailVerified(JsonElement claims) =>
        claims.TryGetProperty("email_verified", out var verified)
        && (verified.ValueKind == JsonValueKind.True
            || (verified.ValueKind == JsonValueKind.String && verified.GetString() == "true"));

    private static string? Text(JsonElement claims, string claim) =>
        claims.TryGetProperty(claim, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 and <= 1024 } text
            ? text
            : null;
}
