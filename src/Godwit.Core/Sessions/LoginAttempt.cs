namespace Godwit.Core.Sessions;

/// <summary>
/// The login the current request makes, if it is one: the server names the factor for the endpoints
/// that log in, and the services fill in the user once they know whose login it is, so a refusal
/// can name them. <see cref="SessionEvents"/> records its outcome once.
/// </summary>
public sealed class LoginAttempt
{
    /// <summary>The factor as the event log names it (<c>password</c>, <c>otp</c>, …); null outside a login.</summary>
    public string? Factor { get; set; }

    /// <summary>The user the attempt is for, once known; never set from anything the caller merely claims.</summary>
    public string? UserId { get; set; }

    /// <summary>Whether its outcome (success or failure) has been recorded.</summary>
    public bool Recorded { get; internal set; }
}
