using System.Security.Cryptography;
using Godwit.Core.Legacy;
using Godwit.Core.Security;

namespace Godwit.Server.Legacy;

/// <summary>
/// Posts <c>{"email", "password"}</c> to <c>Godwit:Migration:LegacyPasswordHook</c>, signed, and
/// reads the answer under the strict contract. Every call is logged with its outcome and duration
/// and a pseudonym of the email; never the password, the body or the signature.
/// </summary>
internal sealed partial class LegacyPasswordHookClient(
    LegacyEndpoints endpoints, LegacySystemOptions options, ProjectKeys keys, TimeProvider clock, ILogger<LegacyPasswordHookClient> logger) : ILegacyPasswordHook
{
    public async Task<LegacyVerdict> VerifyAsync(string normalizedEmail, string password, CancellationToken cancellationToken)
    {
        var url = options.LegacyPasswordHook ?? throw new InvalidOperationException("Godwit:Migration:LegacyPasswordHook is not set.");
        var body = LegacyHookRequests.Password(normalizedEmail, password);
        LegacyResponse response;
        try
        {
            using var request = LegacyEndpoints.SignedPost(url, options.LegacyPasswordHookSecret!, body, clock.GetUtcNow());
            response = await endpoints.SendAsync(LegacyEndpoints.PasswordHook, request, cancellationToken);
        }
        finally
        {
            // The body holds the password in clear; it should not linger in memory until collected.
            CryptographicOperations.ZeroMemory(body);
        }

        var verdict = response.Failure is { } failure
            ? LegacyVerdict.Failure(failure)
            : LegacyHookAnswer.Read(response.StatusCode, response.Body, requireEmail: false);
        var elapsed = (long)response.Elapsed.TotalMilliseconds;
        var email = keys.LogPseudonym(normalizedEmail);
        if (verdict.Kind == LegacyVerdictKind.Failed)
        {
            LogFailed(logger, elapsed, email, verdict.Reason);
        }
        else
        {
            LogAnswered(logger, verdict.Kind == LegacyVerdictKind.Match ? "match" : "no match", elapsed, email);
        }

        return verdict;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Legacy password hook failed in {ElapsedMs} ms for email {EmailPseudonym}: {Reason}")]
    private static partial void LogFailed(ILogger logger, long elapsedMs, string emailPseudonym, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Legacy password hook answered {Outcome} in {ElapsedMs} ms for email {EmailPseudonym}")]
    private static partial void LogAnswered(ILogger logger, string outcome, long elapsedMs, string emailPseudonym);
}
