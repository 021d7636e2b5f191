namespace Godwit.Core.Errors;

/// <summary>
/// An expected failure a client can act on, in Stytch's error shape: a stable <c>error_type</c>,
/// the HTTP status it travels with, and a message that says what to do.
/// </summary>
public sealed record ApiError(int StatusCode, string ErrorType, string Message)
{
    /// <summary>How long a client should wait before trying again (the Retry-After header of a 429).</summary>
    public TimeSpan? RetryAfter { get; init; }

    public ApiError WithMessage(string message) => this with { Message = message };

    public ApiError WithRetryAfter(TimeSpan wait) => this with { RetryAfter = wait };
}
