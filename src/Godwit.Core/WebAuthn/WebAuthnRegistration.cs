namespace Godwit.Core.WebAuthn;

/// <summary>
/// A passkey or security key bound to a user for one relying-party id. Only a completed (verified)
/// registration is stored; a started one lives as a <see cref="WebAuthnChallenge"/> until then.
/// </summary>
public sealed class WebAuthnRegistration
{
    public required string WebAuthnRegistrationId { get; init; }

    public required string UserId { get; init; }

    /// <summary>The relying-party id (the <c>domain</c> of the request) the credential is scoped to.</summary>
    public required string Domain { get; init; }

    public string UserAgent { get; init; } = "";

    /// <summary><c>platform</c>, <c>cross-platform</c>, or empty when the registration asked for neither.</summary>
    public string AuthenticatorType { get; init; } = "";

    public string Name { get; set; } = "";

    /// <summary>The credential id the authenticator chose; unique across all users (WebAuthn §7.1 step 22).</summary>
    public required byte[] CredentialId { get; init; }

    /// <summary>The credential public key in COSE_Key form, as attested.</summary>
    public required byte[] PublicKey { get; init; }

    /// <summary>The user handle (user.id) the credential was created for; a passkey returns it at login.</summary>
    public required byte[] UserHandle { get; init; }

    /// <summary>The last signature counter seen; a counter that does not grow betrays a cloned authenticator.</summary>
    public long SignCount { get; set; }

    public DateTime CreatedAt { get; init; }
}
