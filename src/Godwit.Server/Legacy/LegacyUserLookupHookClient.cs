using Godwit.Core.Legacy;
using Godwit.Core.Security;
using Godwit.Core.Users;

namespace Godwit.Server.Legacy;

/// <summary>
/// Posts <c>{"email"}</c> or <c>{"phone_number"}</c> to <c>Godwit:Migration:LegacyUserLookupHook</c>,
/// signed under its own secret, through the lookup hook's own circuit breaker and timeout, and
/// reads the answer under the strict contract. Every call is logged with its outcome, duration and
/// a pseudonym of the address; never the body, the profile or the signature.
/// </summary>
internal sealed partial class LegacyUserLookupHookClient(
    LegacyEndpoints endpoints, LegacySystemOptions options, ProjectKeys keys, TimeProvider clock, ILogger<LegacyUserLookupHookClient> logger) : ILegacyUserLookupHook
{
    public async Task<LegacyVerdict> LookUpAsync(AddressKind kind, string normalizedAddress, CancellationToken cancellationToken)
    {
        var url = options.LegacyUserLookupHook ?? throw new InvalidOperationException("Godwit:Migration:LegacyUserLookupHook is not set.");
        var body = LegacyHookRequests.UserLookup(kind, normalizedAddress);
        using var request = LegacyEndpoints.SignedPost(url, options.LegacyUserLookupHookSecret!, body, clock.GetUtcNow());
        var response = await endpoints.SendAsync(LegacyEndpoints.UserLookupHook, request, cancellationToken);
        var verdict = response.Failure is { } failure
            ? LegacyVerdict.Failure(failure)
            : LegacyLookupAnswer.Read(response.StatusCode, response.Body, kind, normalizedAddress);
        var elapsed = (long)response.Elapsed.TotalMilliseconds;
        var field = LegacyLookupAnswer.FieldOf(kind);
        var pseudonym = keys.LogPseudonym(normalizedAddress);
        if (verdict.Kind == LegacyVerdictKind.Failed)
        {
            LogFailed(logger, elapsed, field, pseudonym, verdict.Reason);
        }
        else
        {
            LogAnswered(logger, verdict.Kind == LegacyVerdictKind.Match ? "match" : "no match", elapsed, field, pseudonym);
        }

        return verdict;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Legacy user lookup hook failed in {ElapsedMs} ms for {AddressField} {AddressPseudonym}: {Reason}")]
    private static partial void LogFailed(ILogger logger, long elapsedMs, string addressField, string addressPseudonym, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Legacy user lookup hook answered {Outcome} in {ElapsedMs} ms for {AddressField} {AddressPseudonym}")]
    private static partial void LogAnswered(ILogger logger, string outcome, long elapsedMs, string addressField, string addressPseudonym);
}
