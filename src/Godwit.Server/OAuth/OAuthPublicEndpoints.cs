using System.Security.Cryptography;
using System.Text;
using Godwit.Core.Errors;
using Godwit.Core.OAuth;
using Godwit.Server.Http;
using Microsoft.Extensions.Primitives;

namespace Godwit.Server.OAuth;

/// <summary>
/// The browser's half of the flow, without Basic auth: the start (the public token stands in for
/// the project's credential) and Godwit's own callback, registered with each provider.
/// </summary>
internal static class OAuthPublicEndpoints
{
    private const string ProviderParameterPrefix = "provider_";

    // Set by Godwit for every flow; an app's provider_ parameter may not replace them.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "client_id", "redirect_uri", "response_type", "scope", "state", "nonce", "code_challenge", "code_challenge_method", "client_secret",
    };

    private static readonly HashSet<string> StartParameters = new(StringComparer.Ordinal)
    {
        "public_token", "login_redirect_url", "signup_redirect_url", "custom_scopes", "code_challenge", "oauth_attach_token",
    };

    public static async Task<IResult> StartAsync(
        string provider, HttpRequest request, IEnumerable<IOAuthProvider> providers, OAuthOptions options, OAuthStarts starts, CancellationToken cancellationToken)
    {
        if (SingleValues(request.Query) is not { } query)
        {
            return ApiResults.Error(ErrorCatalog.BadRequest.WithMessage("Each query parameter may be given once."));
        }

        if (!IsPublicToken(query.GetValueOrDefault("public_token"), options.PublicToken))
        {
            return ApiResults.Error(ErrorCatalog.InvalidPublicToken);
        }

        if (Find(providers, provider) is not { } found)
        {
            return ApiResults.Error(NotConfigured(provider));
        }

        if (OAuthScopes.Parse(query.GetValueOrDefault("custom_scopes")) is not { } customScopes)
        {
            return ApiResults.Error(ErrorCatalog.InvalidCustomScopes);
        }

        var providerParameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in query.Where(p => p.Key.StartsWith(ProviderParameterPrefix, StringComparison.Ordinal)))
        {
            var name = key[ProviderParameterPrefix.Length..];
            if (name.Length == 0 || Reserved.Contains(name))
            {
                return ApiResults.Error(ErrorCatalog.InvalidProviderParameter);
            }

            providerParameters[name] = value;
        }

        if (query.Keys.FirstOrDefault(key => !StartParameters.Contains(key) && !key.StartsWith(ProviderParameterPrefix, StringComparison.Ordinal)) is { } unknown)
        {
            return ApiResults.Error(ErrorCatalog.BadRequest.WithMessage($"Unknown query parameter {unknown}."));
        }

        var started = await starts.StartAsync(
            new OAuthStartCommand(
                found.PathSegment,
                query.GetValueOrDefault("login_redirect_url"),
                query.GetValueOrDefault("signup_redirect_url"),
                query.GetValueOrDefault("code_challenge"),
                query.GetValueOrDefault("oauth_attach_token")),
            cancellationToken);
        if (!started.Succeeded)
        {
            return ApiResults.Error(started.Error!);
        }

        var flow = started.Value;
        try
        {
            var url = await found.AuthorizationUrlAsync(
                new OAuthAuthorizationRequest(options.CallbackUrl(found.PathSegment), flow.State, flow.Nonce, flow.ProviderCodeChallenge, customScopes, providerParameters),
                cancellationToken);
            return Results.Redirect(url.AbsoluteUri);
        }
        catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException or IOException or TaskCanceledException)
        {
            // Discovery failed: the provider is down or misconfigured, which is no client's mistake.
            return ApiResults.Error(ErrorCatalog.OAuthProviderUnavailable);
        }
    }

    /// <summary>
    /// The provider's return. Without a usable state there is no flow and no application URL to go
    /// back to, so the answer is an error body; with one, every failure goes back to the
    /// application's login URL with <c>error=&lt;error_type&gt;</c> instead of a token.
    /// </summary>
    public static async Task<IResult> CallbackAsync(
        string provider, HttpRequest request, IEnumerable<IOAuthProvider> providers, OAuthOptions options, OAuthCallbacks callbacks, CancellationToken cancellationToken)
    {
        if (Find(providers, provider) is not { } found)
        {
            return ApiResults.Error(NotConfigured(provider));
        }

        Dictionary<string, string>? fields;
        if (HttpMethods.IsPost(request.Method))
        {
            if (!found.CallbackIsFormPost || !request.HasFormContentType)
            {
                return ApiResults.Error(ErrorCatalog.MethodNotAllowed);
            }

            fields = SingleValues(await request.ReadFormAsync(cancellationToken));
        }
        else if (found.CallbackIsFormPost)
        {
            // Such a provider only ever POSTs; a GET would put its code in a URL and use up the state.
            return ApiResults.Error(ErrorCatalog.MethodNotAllowed);
        }
        else
        {
            fields = SingleValues(request.Query);
        }

        if (fields is null)
        {
            return ApiResults.Error(ErrorCatalog.BadRequest.WithMessage("Each callback parameter may be given once."));
        }

        var resumed = await callbacks.ResumeAsync(found.PathSegment, fields.GetValueOrDefault("state"), cancellationToken);
        if (!resumed.Succeeded)
        {
            return ApiResults.Error(resumed.Error!);
        }

        var flow = resumed.Value;
        if (fields.ContainsKey("error") || fields.GetValueOrDefault("code") is not { Length: > 0 } code)
        {
            return Results.Redirect(OAuthCallbacks.FailureUrl(flow.State, fields.ContainsKey("error") ? ErrorCatalog.OAuthProviderDenied : ErrorCatalog.OAuthFlowCallbackError));
        }

        var identity = await found.CompleteAsync(
            new OAuthCallback(code, options.CallbackUrl(found.PathSegment), flow.State.Nonce, flow.ProviderCodeVerifier, fields), cancellationToken);
        if (!identity.Succeeded)
        {
            return Results.Redirect(OAuthCallbacks.FailureUrl(flow.State, identity.Error!));
        }

        // The identity is this provider's: a provider answering for another would mix accounts.
        if (identity.Value.ProviderType != found.ProviderType)
        {
            return Results.Redirect(OAuthCallbacks.FailureUrl(flow.State, ErrorCatalog.OAuthFlowCallbackError));
        }

        var finished = await callbacks.FinishAsync(flow, identity.Value, cancellationToken);
        return Results.Redirect(finished.Succeeded ? finished.Value : OAuthCallbacks.FailureUrl(flow.State, finished.Error!));
    }

    public static IOAuthProvider? Find(IEnumerable<IOAuthProvider> providers, string segment) =>
        providers.FirstOrDefault(p => string.Equals(p.PathSegment, segment, StringComparison.Ordinal));

    private static ApiError NotConfigured(string segment) =>
        OAuthProviderTypes.ForPathSegment(segment) is not null
            ? ErrorCatalog.OAuthProviderNotConfigured with { ErrorType = $"{segment}_oauth_config_not_found" }
            : ErrorCatalog.OAuthProviderNotConfigured;

    /// <summary>Digests compared in constant time, whatever the length of what was sent.</summary>
    private static bool IsPublicToken(string? given, string? expected) =>
        given is not null && expected is not null
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    /// <summary>The parameters, each given once; null when one was repeated.</summary>
    private static Dictionary<string, string>? SingleValues(IEnumerable<KeyValuePair<string, StringValues>> parameters)
    {
        var single = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, values) in parameters)
        {
            if (values.Count != 1)
            {
                return null;
            }

            single[key] = values[0] ?? "";
        }

        return single;
    }
}
