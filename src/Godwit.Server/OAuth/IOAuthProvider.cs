using Godwit.Core.Errors;
using Godwit.Core.OAuth;

namespace Godwit.Server.OAuth;

/// <summary>
/// One configured provider: where to send the person, and how to turn the code the provider sends
/// back into a checked <see cref="ProviderIdentity"/>. Godwit's own state, nonce and PKCE towards
/// the provider are made and checked by the flow; a provider only carries them.
/// </summary>
public interface IOAuthProvider
{
    /// <summary>The path segment of <c>/v1/public/oauth/{provider}/start</c>, such as <c>google</c>.</summary>
    string PathSegment { get; }

    /// <summary>The <c>provider_type</c> Godwit answers with, such as <c>Google</c>.</summary>
    string ProviderType { get; }

    /// <summary>
    /// True when the provider answers the callback with an HTML form POST (Apple's
    /// <c>response_mode=form_post</c>) rather than a GET.
    /// </summary>
    bool CallbackIsFormPost { get; }

    Task<Uri> AuthorizationUrlAsync(OAuthAuthorizationRequest request, CancellationToken cancellationToken);

    /// <summary>Exchanges the code and checks what comes back; a failure is an <see cref="ApiError"/>, never an exception.</summary>
    Task<Result<ProviderIdentity>> CompleteAsync(OAuthCallback callback, CancellationToken cancellationToken);
}

/// <param name="CallbackUrl">Godwit's callback for this provider, as registered with it.</param>
/// <param name="CodeChallenge">S256 challenge of Godwit's own PKCE verifier towards the provider.</param>
/// <param name="CustomScopes">The app's <c>custom_scopes</c>, added to the provider's defaults.</param>
/// <param name="ProviderParameters">The app's <c>provider_*</c> query parameters, without the prefix (such as <c>prompt</c>, <c>login_hint</c>).</param>
public sealed record OAuthAuthorizationRequest(
    string CallbackUrl,
    string State,
    string Nonce,
    string CodeChallenge,
    IReadOnlyList<string> CustomScopes,
    IReadOnlyDictionary<string, string> ProviderParameters);

/// <param name="Code">The authorization code the provider sent to the callback.</param>
/// <param name="CodeVerifier">Godwit's PKCE verifier for this flow.</param>
/// <param name="FormFields">Every field of the callback (query or form), for providers that send more (Apple's <c>user</c>).</param>
public sealed record OAuthCallback(
    string Code,
    string CallbackUrl,
    string Nonce,
    string CodeVerifier,
    IReadOnlyDictionary<string, string> FormFields);
