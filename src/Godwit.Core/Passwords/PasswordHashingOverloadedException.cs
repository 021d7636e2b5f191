namespace Godwit.Core.Passwords;

/// <summary>
/// The hashing gate's queue is full, so a request that needs a password hash was refused before any
/// hashing or any change. An exception rather than a <c>Result</c>: it can arise at any hash in a
/// flow (a sign-up, a login's verify or its upgrade, a legacy import), always means the same answer
/// (503 <c>password_hashing_overloaded</c> with Retry-After), and is mapped once by the server's error
/// middleware instead of being threaded through every flow's return type.
/// </summary>
public sealed class PasswordHashingOverloadedException(TimeSpan retryAfter)
    : Exception("Too many password hashes are waiting; the request was refused before hashing.")
{
    /// <summary>About how long the queue of waiting hashes takes to drain.</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;
}
