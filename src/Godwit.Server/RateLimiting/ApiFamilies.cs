namespace Godwit.Server.RateLimiting;

/// <summary>An endpoint family: the API paths that share one budget per project.</summary>
internal sealed record ApiFamily(string Name, string PathPrefix, string SettingName, Func<ApiRateLimits, int> PerMinute);

/// <summary>
/// Which family a path under <c>/v1</c> belongs to, by its leading segments. A closed table, so the
/// number of budgets stays fixed whatever paths are sent; a new endpoint group belongs here.
/// </summary>
internal static class ApiFamilies
{
    public static readonly ApiFamily Other = new("other", "/v1", nameof(ApiRateLimits.Other), limits => limits.Other);

    // Longer prefixes first: sessions/migrate and users/import have budgets of their own.
    public static readonly IReadOnlyList<ApiFamily> All =
    [
        new("sessions/migrate", "/v1/sessions/migrate", nameof(ApiRateLimits.SessionsMigrate), limits => limits.SessionsMigrate),
        new("sessions", "/v1/sessions", nameof(ApiRateLimits.Sessions), limits => limits.Sessions),
        new("users/import", "/v1/users/import", nameof(ApiRateLimits.UsersImport), limits => limits.UsersImport),
        new("users", "/v1/users", nameof(ApiRateLimits.Users), limits => limits.Users),
        new("magic_links", "/v1/magic_links", nameof(ApiRateLimits.MagicLinks), limits => limits.MagicLinks),
        new("otps", "/v1/otps", nameof(ApiRateLimits.Otps), limits => limits.Otps),
        new("passwords", "/v1/passwords", nameof(ApiRateLimits.Passwords), limits => limits.Passwords),
        new("totps", "/v1/totps", nameof(ApiRateLimits.Totps), limits => limits.Totps),
        new("webauthn", "/v1/webauthn", nameof(ApiRateLimits.WebAuthn), limits => limits.WebAuthn),
        new("biometrics", "/v1/biometrics", nameof(ApiRateLimits.Biometrics), limits => limits.Biometrics),
        new("oauth", "/v1/oauth", nameof(ApiRateLimits.OAuth), limits => limits.OAuth),
        Other,
    ];

    /// <summary>
    /// The family of an API path. Routing matches paths case-insensitively, so this does too: a
    /// path in other letters must not escape its family's budget.
    /// </summary>
    public static ApiFamily Of(PathString path)
    {
        foreach (var family in All)
        {
            if (path.StartsWithSegments(family.PathPrefix, StringComparison.OrdinalIgnoreCase))
            {
                return family;
            }
        }

        return Other;
    }
}
