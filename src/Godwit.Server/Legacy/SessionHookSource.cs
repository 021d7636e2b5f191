using Godwit.Core.Errors;
using Godwit.Core.Legacy;
using Godwit.Core.Security;

namespace Godwit.Server.Legacy;

/// <summary>
/// Asks the legacy session hook (<c>Godwit:Migration:LegacySessionHook</c>) whose a legacy cookie or
/// token is: <c>{"token"}</c>, signed as the password hook's requests are, answered under the same
/// strict contract, where a match must also name the <c>email</c>.
/// </summary>
internal sealed partial class SessionHookSource(LegacyEndpoints endpoints, LegacySystemOptions options, ProjectKeys keys, TimeProvider clock, ILogger<SessionHookSource> logger)
{
    public async Task<Result<LegacyIdentity>> IdentifyAsync(string token, CancellationToken cancellationToken)
    {
        var body = LegacyHookRequests.Session(token);
        using var request = LegacyEndpoints.SignedPost(options.LegacySessionHook!, options.LegacySessionHookSecret!, body, clock.GetUtcNow());
        var response = await endpoints.SendAsync(LegacyEndpoints.SessionHook, request, cancellationToken);
        var verdict = response.Failure is { } failure
            ? LegacyVerdict.Failure(failure)
            : LegacyHookAnswer.Read(response.StatusCode, response.Body, requireEmail: true);
        var elapsed = (long)response.Elapsed.TotalMilliseconds;
        switch (verdict.Kind)
        {
            case LegacyVerdictKind.Match:
                if (logger.IsEnabled(LogLevel.Information))
                {
                    var pseudonym = keys.LogPseudonym(verdict.Email!);
                    LogMatch(logger, elapsed, pseudonym);
                }

                return new LegacyIdentity(verdict.Email!, verdict.Profile!, "session_hook");
            case LegacyVerdictKind.NoMatch:
                LogNoMatch(logger, elapsed);
                return ErrorCatalog.UnableToAuthLegacySession;
            default:
                LogFailed(logger, elapsed, verdict.Reason);
                return ErrorCatalog.LegacySessionCheckUnavailable;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Legacy session hook answered match in {ElapsedMs} ms for email {EmailPseudonym}")]
    private static partial void LogMatch(ILogger logger, long elapsedMs, string emailPseudonym);

    [LoggerMessage(Level = LogLevel.Information, Message = "Legacy session hook answered no match in {ElapsedMs} ms")]
    private static partial void LogNoMatch(ILogger logger, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Legacy session hook failed in {ElapsedMs} ms: {Reason}")]
    private static partial void LogFailed(ILogger logger, long elapsedMs, string? reason);
}
