namespace Godwit.Core.Sessions;

/// <summary>Session and JWT settings, bound from <c>Godwit:Sessions</c>.</summary>
public sealed class SessionTokenOptions
{
    public const int MinDurationMinutes = 5;
    public const int MaxDurationMinutes = 527_040;

    /// <summary>How long a session JWT is valid. Stytch's are fixed at five minutes.</summary>
    public TimeSpan JwtLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A new signing key is created when the newest is older than this.</summary>
    public TimeSpan SigningKeyRotation { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// last_accessed_at is written at most this often per session, so that checking a session
    /// stays a read and not a write on every request.
    /// </summary>
    public TimeSpan LastAccessedResolution { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the batched last_accessed_at changes are written.</summary>
    public TimeSpan AccessWriteInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A JWT signed for an unchanged session this recently is handed out again instead of signing a
    /// new one: an RS256 signature (about 1 ms) costs far more than the rest of a session check.
    /// Must stay below <see cref="JwtLifetime"/> so a returned JWT always has time left.
    /// </summary>
    public TimeSpan JwtReuseWindow { get; set; } = TimeSpan.FromMinutes(4);
}
