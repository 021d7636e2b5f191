using System.Net.Http.Headers;
using System.Text.Json;
using Godwit.Core.Errors;

namespace Godwit.Server.OAuth.Providers;

/// <summary>What a provider's token endpoint answered, after the access token was found in it.</summary>
internal sealed record ProviderTokenAnswer(string AccessToken, string? RefreshToken, string? IdToken, string? Scope, DateTime? ExpiresAt);

/// <summary>
/// Godwit's calls to a social provider over the named HttpClient <see cref="ClientName"/>: the code
/// exchange and the user API. Every answer is untrusted input: a non-2xx status, a body that is not
/// a JSON object, an OAuth <c>error</c> field (GitHub answers errors with 200), a timeout or an
/// unreachable host each become an <see cref="ApiError"/>. Log lines name the provider, the step and
/// the status or error code, never a code, token or secret.
/// </summary>
internal sealed partial class ProviderCalls(IHttpClientFactory clients, TimeProvider clock, ILogger<ProviderCalls> logger)
{
    public const string ClientName = "oauth";

    /// <summary>A person waits at the callback; a provider slower than this has failed.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Far above any token or profile answer: a bigger body is not one.</summary>
    public const int MaxAnswerBytes = 512 * 1024;

    /// <summary>Posts the code exchange form (client credentials in the body) and reads the tokens.</summary>
    public async Task<Result<ProviderTokenAnswer>> ExchangeCodeAsync(string provider, Uri tokenEndpoint, IEnumerable<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, tokenEndpoint) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var answer = await SendAsync(provider, "token exchange", request, ErrorCatalog.OAuthAuthCodeError, cancellationToken);
        if (!answer.Succeeded)
        {
            return answer.Error!;
        }

        var json = answer.Value;
        if (ProviderJson.Text(json, "access_token") is not { } accessToken)
        {
            LogFailed(logger, provider, "token exchange", "answered without an access_token");
            return ErrorCatalog.OAuthAuthCodeError;
        }

        var expiresIn = ProviderJson.Integer(json, "expires_in");
        var expiresAt = expiresIn is > 0 and < 10L * 365 * 24 * 3600 ? clock.GetUtcNow().UtcDateTime.AddSeconds(expiresIn.Value) : (DateTime?)null;
        return new ProviderTokenAnswer(accessToken, ProviderJson.Text(json, "refresh_token"), ProviderJson.Text(json, "id_token"), ProviderJson.Text(json, "scope"), expiresAt);
    }

    /// <summary>GETs a user API resource with the access token as a bearer token.</summary>
    public async Task<Result<JsonElement>> GetAsync(string provider, string step, Uri url, string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await SendAsync(provider, step, request, ErrorCatalog.OAuthFlowCallbackError, cancellationToken);
    }

    /// <summary>Logs why a provider's answer is refused (never with the answer itself) and returns <paramref name="error"/>.</summary>
    public ApiError Refuse(string provider, string step, string reason, ApiError error)
    {
        LogFailed(logger, provider, step, reason);
        return error;
    }

    private async Task<Result<JsonElement>> SendAsync(string provider, string step, HttpRequestMessage request, ApiError refusal, CancellationToken cancellationToken)
    {
        int status;
        byte[] body;
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
            body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, provider, step, "timed out");
            return ErrorCatalog.OAuthProviderUnavailable;
        }
        catch (HttpRequestException exception)
        {
            // The exception's message may hold the URL; its category says enough.
            LogFailed(logger, provider, step, $"could not be reached or read ({exception.HttpRequestError})");
            return ErrorCatalog.OAuthProviderUnavailable;
        }

        var json = ProviderJson.Parse(body);
        if (status is < 200 or > 299)
        {
            LogFailed(logger, provider, step, $"answered status {status}{ErrorCodeOf(json)}");
            return status >= 500 ? ErrorCatalog.OAuthProviderUnavailable : refusal;
        }

        if (json is not { } answer || (answer.ValueKind != JsonValueKind.Object && answer.ValueKind != JsonValueKind.Array))
        {
            LogFailed(logger, provider, step, $"answered status {status} with a body that is not a JSON object");
            return refusal;
        }

        if (answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("error", out _))
        {
            LogFailed(logger, provider, step, $"answered status {status}{ErrorCodeOf(answer)}");
            return refusal;
        }

        return answer;
    }

    // Only the OAuth error code, and only if it looks like one: error_description and other fields
    // are free text the provider chose, and may repeat what was sent.
    private static string ErrorCodeOf(JsonElement? json)
    {
        if (json is not { ValueKind: JsonValueKind.Object } answer || !answer.TryGetProperty("error", out var error))
        {
            return "";
        }

        var code = error.ValueKind == JsonValueKind.String ? error.GetString()
            : ProviderJson.Text(error, "type"); // Facebook's Graph API: {"error":{"type":"OAuthException",...}}
        return code is { Length: > 0 and <= 64 } && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')
            ? $" with error {code}"
            : " with an error";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "OAuth provider {Provider}: {Step} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string provider, string step, string reason);
}
