namespace Godwit.Core.WebAuthn;

/// <summary>
/// A started registration or authentication: the options sent to the browser, kept server-side so
/// that the answer can be checked against exactly what was asked. Found by its challenge (which the
/// client data carries back), consumed once by a conditional update, and void after it expires.
/// </summary>
public sealed class WebAuthnChallenge
{
    public required string ChallengeId { get; init; }

    public required WebAuthnCeremony Ceremony { get; init; }

    /// <summary>The user the ceremony is for; null for a passkey login that names no user in advance.</summary>
    public string? UserId { get; init; }

    public required string Domain { get; init; }

    /// <summary>
    /// The random challenge itself. It is not a secret (the browser shows it to the authenticator and the
    /// signature is the proof), so it is stored as it is and indexed for the lookup.
    /// </summary>
    public required byte[] Challenge { get; init; }

    /// <summary>The options JSON as the Fido2 library serialised them (base64url values).</summary>
    public required string Options { get; init; }

    public string UserAgent { get; init; } = "";

    public string AuthenticatorType { get; init; } = "";

    public DateTime CreatedAt { get; init; }

    public DateTime ExpiresAt { get; init; }

    public DateTime? ConsumedAt { get; set; }
}

public enum WebAuthnCeremony
{
    Registration,
    Authentication,
}
