using System.Net.Http.Headers;
using System.Text.Json;
using Godwit.Core.Errors;
using Godwit.Core.Legacy;
using Godwit.Core.Security;

namespace Godwit.Server.Legacy;

/// <summary>
/// Asks the legacy OIDC UserInfo endpoint (<c>Godwit:Migration:UserInfoUrl</c>) whose the token is,
/// as Stytch's sessions/migrate does: <c>GET</c> with <c>Authorization: Bearer &lt;token&gt;</c>. A
/// 401 or 403 means the legacy system refuses the token; any other answer but a 200 JSON object is
/// the legacy system failing.
/// </summary>
internal sealed partial class UserInfoSessionSource(LegacyEndpoints endpoints, LegacySystemOptions options, ProjectKeys keys, ILogger<UserInfoSessionSource> logger)
{
    public async Task<Result<LegacyIdentity>> IdentifyAsync(string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, options.UserInfoUrl);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var response = await endpoints.SendAsync(LegacyEndpoints.UserInfo, request, cancellationToken);
        var elapsed = (long)response.Elapsed.TotalMilliseconds;
        if (response.Failure is { } failure)
        {
            LogFailed(logger, elapsed, failure);
            return ErrorCatalog.LegacySessionCheckUnavailable;
        }

        if (response.StatusCode is 401 or 403)
        {
            LogRefused(logger, response.StatusCode, elapsed);
            return ErrorCatalog.UnableToAuthLegacySession;
        }

        JsonElement claims;
        try
        {
            using var document = JsonDocument.Parse(response.Body);
            claims = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            claims = default;
        }

        if (response.StatusCode != 200 || claims.ValueKind != JsonValueKind.Object)
        {
            LogUnexpectedAnswer(logger, response.StatusCode, claims.ValueKind == JsonValueKind.Object ? "with a JSON object" : "without a JSON object", elapsed);
            return ErrorCatalog.LegacySessionCheckUnavailable;
        }

        if (LegacyClaims.Email(claims, "email") is not { } email)
        {
            LogNoValidEmail(logger, elapsed);
            return ErrorCatalog.LegacySessionWithoutEmail;
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            var pseudonym = keys.LogPseudonym(email);
            LogAccepted(logger, elapsed, pseudonym);
        }
        return new LegacyIdentity(email, LegacyClaims.Profile(claims), "userinfo");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Legacy UserInfo failed in {ElapsedMs} ms: {Reason}")]
    private static partial void LogFailed(ILogger logger, long elapsedMs, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Legacy UserInfo refused a token ({StatusCode}) in {ElapsedMs} ms")]
    private static partial void LogRefused(ILogger logger, int statusCode, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Legacy UserInfo answered status {StatusCode} {Shape} in {ElapsedMs} ms")]
    private static partial void LogUnexpectedAnswer(ILogger logger, int statusCode, string shape, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Legacy UserInfo accepted a token in {ElapsedMs} ms but named no valid email")]
    private static partial void LogNoValidEmail(ILogger logger, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Legacy UserInfo accepted a token in {ElapsedMs} ms for email {EmailPseudonym}")]
    private static partial void LogAccepted(ILogger logger, long elapsedMs, string emailPseudonym);
}
