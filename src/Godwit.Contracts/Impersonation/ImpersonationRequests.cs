namespace Godwit.Contracts.Impersonation;

/// <summary>
/// Godwit's own <c>POST /v1/impersonation</c>, standing in for Stytch's dashboard button: a staff
/// member's tool asks for a token to act as a user, saying who asks and why.
/// </summary>
public sealed record CreateImpersonationRequest
{
    public required string UserId { get; init; }

    /// <summary>Who asks: free text such as an administrator's id or email address.</summary>
    public required string ImpersonatorId { get; init; }

    /// <summary>Shown in the session's <c>impersonated_factor</c>; empty when not given.</summary>
    public string? ImpersonatorEmailAddress { get; init; }

    /// <summary>Why, kept with the record for later audit.</summary>
    public required string Reason { get; init; }

    /// <summary>Minutes until the token expires: 1 to 10, 5 when not given (Stytch's lifetime).</summary>
    public int? ExpirationMinutes { get; init; }
}

/// <summary>Stytch's <c>POST /v1/impersonation/authenticate</c>.</summary>
public sealed record ImpersonationAuthenticateRequest
{
    public required string ImpersonationToken { get; init; }
}
