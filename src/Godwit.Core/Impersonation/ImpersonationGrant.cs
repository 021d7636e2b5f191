namespace Godwit.Core.Impersonation;

/// <summary>
/// One impersonation, from minting to use: the token (stored only as its hash), and the audit
/// record of who asked to act as whom, why, when, and which session it started. The record is
/// kept after use, expiry and even the user's deletion: it is the answer to "who was that?".
/// </summary>
public sealed class ImpersonationGrant
{
    public required string ImpersonationId { get; init; }

    /// <summary>The impersonated user; no foreign key, so the record outlives the user.</summary>
    public required string UserId { get; init; }

    public required string ImpersonatorId { get; init; }

    public string ImpersonatorEmailAddress { get; init; } = "";

    public required string Reason { get; init; }

    /// <summary>SHA-256 of the token; the token itself is shown once and never stored.</summary>
    public required byte[] TokenHash { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime ExpiresAt { get; init; }

    public DateTime? UsedAt { get; set; }

    /// <summary>The session the token started, so its every request can be told apart later.</summary>
    public string? SessionId { get; set; }
}

public interface IImpersonationStore
{
    Task AddAsync(ImpersonationGrant impersonation, CancellationToken cancellationToken);

    Task<ImpersonationGrant?> FindByTokenHashAsync(byte[] tokenHash, CancellationToken cancellationToken);

    /// <summary>Marks the token used if it is still live; false when another request got there first.</summary>
    Task<bool> TryConsumeAsync(string impersonationId, DateTime now, CancellationToken cancellationToken);

    Task RecordSessionAsync(string impersonationId, string sessionId, CancellationToken cancellationToken);

    /// <summary>Every impersonation of a user, newest first.</summary>
    Task<IReadOnlyList<ImpersonationGrant>> ListForUserAsync(string userId, CancellationToken cancellationToken);
}
