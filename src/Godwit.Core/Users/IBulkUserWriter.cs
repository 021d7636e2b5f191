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

    /// <summary>
    /// Whether the users' OAuth registrations are written with them. Only a target that cannot
    /// store them (Stytch's own API creates a provider link only through a login) says no.
    /// </summary>
    bool KeepsOAuthIdentities => true;

    /// <summary>
    /// Opens a transaction that several batches are written into and made durable by one commit.
    /// Imports use it because a commit writes out every index page its batch touched: with legacy
    /// ids and addresses in random order, one commit per 50,000 users instead of per 5,000 writes
    /// the same pages ten times less often. Where every batch is durable once answered (an API),
    /// the default commits each batch on its own.
    /// </summary>
    Task<IBulkWriteTransaction> BeginAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IBulkWriteTransaction>(new EachBatchCommitted(this));

    /// <summary>
    /// <see cref="WriteAsync"/> for a writer whose <see cref="BeginAsync"/> opens a real transaction:
    /// the batch begun, written and committed on its own.
    /// </summary>
    static async Task<IReadOnlyList<BulkOutcome>> WriteInOwnTransactionAsync(IBulkUserWriter writer, IReadOnlyList<User> users, bool upsert, CancellationToken cancellationToken)
    {
        await using var transaction = await writer.BeginAsync(cancellationToken);
        var outcomes = await transaction.WriteAsync(users, upsert, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return outcomes;
    }

    private sealed class EachBatchCommitted(IBulkUserWriter writer) : IBulkWriteTransaction
    {
        public Task<IReadOnlyList<BulkOutcome>> WriteAsync(IReadOnlyList<User> users, bool upsert, CancellationToken cancellationToken) =>
            writer.WriteAsync(users, upsert, cancellationToken);

        public Task CommitAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>
/// Batches written together: each <see cref="WriteAsync"/> answers as <see cref="IBulkUserWriter.WriteAsync"/>
/// does, and sees the batches before it, but none is durable before <see cref="CommitAsync"/>.
/// Disposing without committing rolls them all back.
/// </summary>
public interface IBulkWriteTransaction : IAsyncDisposable
{
    Task<IReadOnlyList<BulkOutcome>> WriteAsync(IReadOnlyList<User> users, bool upsert, CancellationToken cancellationToken);

    Task CommitAsync(CancellationToken cancellationToken);
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
