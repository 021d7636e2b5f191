namespace Godwit.Server.RateLimiting;

/// <summary>
/// Request rate limits, bound from <c>Godwit:RateLimits</c>. Every limit is requests per minute, with
/// bursts up to a minute's worth; 0 turns that one limit off, <see cref="Enabled"/> false turns them all
/// off. They guard the server against floods and runaway loops; the limits a client can meet by
/// design (sends per address, passcode and password attempts) are counted in the database apart
/// from these. Stytch publishes no project-wide numbers; it asks migration scripts to stay under 65
/// requests a second, so every family of one-user calls allows at least 100 a second (6,000 a minute).
/// </summary>
internal sealed class RateLimitOptions
{
    public const string SectionName = "Godwit:RateLimits";

    public const int MaxPerMinute = 10_000_000;

    public bool Enabled { get; set; } = true;

    /// <summary>Requests with a verified project credential, per project and endpoint family.</summary>
    public ApiRateLimits Api { get; set; } = new();

    /// <summary>
    /// Requests without a verified project credential, per client address: the JWKS, health, and
    /// API calls with a missing or wrong credential.
    /// </summary>
    public int PublicPerIp { get; set; } = 1_200;

    /// <summary>
    /// Basic-auth failures per client address. Past them every API request from the address is
    /// refused, the right credential too, until the budget refills (one failure's worth every
    /// 60 / n seconds).
    /// </summary>
    public int FailedAuthenticationsPerIp { get; set; } = 100;

    /// <summary>What is wrong with these settings, checked at startup; null when they are usable.</summary>
    public string? Problem() =>
        OutOfRange(nameof(PublicPerIp), PublicPerIp)
        ?? OutOfRange(nameof(FailedAuthenticationsPerIp), FailedAuthenticationsPerIp)
        ?? ApiFamilies.All.Select(family => OutOfRange($"Api:{family.SettingName}", family.PerMinute(Api))).FirstOrDefault(problem => problem is not null);

    private static string? OutOfRange(string setting, int perMinute) =>
        perMinute is < 0 or > MaxPerMinute ? $"{SectionName}:{setting} must be between 0 (off) and {MaxPerMinute} requests a minute." : null;
}

/// <summary>Per project and endpoint family, requests per minute (see <see cref="ApiFamilies"/>).</summary>
internal sealed class ApiRateLimits
{
    /// <summary>Session checks run on every page view of an application, hence the largest budget.</summary>
    public int Sessions { get; set; } = 60_000;

    public int SessionsMigrate { get; set; } = 6_000;

    public int Users { get; set; } = 6_000;

    /// <summary>Each request carries up to 1,000 users: 600 a minute is 10,000 users a second.</summary>
    public int UsersImport { get; set; } = 600;

    public int MagicLinks { get; set; } = 6_000;

    public int Otps { get; set; } = 6_000;

    public int Passwords { get; set; } = 6_000;

    public int Totps { get; set; } = 6_000;

    public int WebAuthn { get; set; } = 6_000;

    public int Biometrics { get; set; } = 6_000;

    /// <summary>OAuth authenticate and attach; the browser's start and callback count per address (<see cref="RateLimitOptions.PublicPerIp"/>).</summary>
    public int OAuth { get; set; } = 6_000;

    /// <summary>Any other path under <c>/v1</c>, such as a route that does not exist.</summary>
    public int Other { get; set; } = 6_000;
}
