namespace Godwit.Core.Users;

/// <summary>
/// Writes many new users at once, for imports: each provider does it its own fastest way (prepared
/// statements in one SQLite transaction, binary COPY into PostgreSQL), with the same rows the
/// user store writes. A user whose external_id, or else whose email, is already taken is matched
/// instead of created, so importing the same users twice creates nothing new, even while other
/// writers run.
/// </summary>
public interface IBulkUserWriter
{
    /// <summary>
    /// Writes a batch atomically and answers, per user and in order, what became of them. Users are
    /// complete graphs (emails, phones, password) with their ids already assigned. With
    /// <paramref name="upsert"/>, a matched user is brought up to date instead of left alone: name
    /// and metadata as given, addresses verified where given verified (never un-verified), and the
    /// password only if the user has none.
    /// </summary>
    Task<IReadOnlyList<BulkOutcome>> WriteAsync(IReadOnlyList<User> users, bool upsert, CancellationToken cancellationToken);
}

/// <summary>What became of one user of a batch.</summary>
public abstract record BulkOutcome
{
    public sealed record Created(string UserId) : BulkOutcome;

    /// <summary>Matched an existing user (by external_id, then by email), who was left unchanged.</summary>
    public sealed record Matched(string UserId) : BulkOutcome;

    public sealed record Updated(string UserId) : BulkOutcome;

    /// <summary>Could not be written without breaking a uniqueness rule, such as a phone number another user holds.</summary>
    public sealed record Conflict(string ErrorType, string Message) : BulkOutcome;
}
