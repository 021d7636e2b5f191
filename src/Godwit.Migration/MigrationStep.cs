using Godwit.Client;
using Godwit.Contracts.Users;
using Godwit.Migration.Reporting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Godwit.Migration;

/// <summary>The migration step without the application's user type, for integrations such as the login flow.</summary>
public interface IMigrationStep
{
    /// <summary>Finds, links or creates the application's user for a Godwit user who just authenticated.</summary>
    Task<MigrationResult> MigrateAsync(UserWire godwitUser, CancellationToken cancellationToken = default);
}

/// <summary>
/// The rolling-migration step, run after every successful Godwit authentication with the user it
/// returned: finds the application's user by the stored Godwit user id, else by the subject of one
/// of the Godwit user's provider registrations (a social login the application stored), else by a
/// verified email, else by a verified phone number, and links it; or, for someone the application has
/// never seen, creates the user. Unverified addresses are never used: whoever registered an address at
/// Godwit without proving it could otherwise take over the application account that has it. A
/// provider registration exists only after a login at that provider (or an import), so it is proof.
/// </summary>
/// <typeparam name="TUser">The application's user type.</typeparam>
public sealed partial class MigrationStep<TUser> : IMigrationStep
    where TUser : class
{
    // A lost race sends the step back to the lookup, which then finds the winner's link; a third
    // round is only reached if the application changes its users under the step.
    private const int Rounds = 3;

    private readonly IApplicationUserStore<TUser> store;
    private readonly MigrationOptions options;
    private readonly TimeProvider clock;
    private readonly ILogger<MigrationStep<TUser>> logger;
    private readonly GodwitClient? client;
    private readonly MigrationOutcomeReporter? reporter;

    /// <summary>
    /// Created by dependency injection; <paramref name="client"/> is needed only to write external ids,
    /// <paramref name="reporter"/> only to report outcomes to Godwit.
    /// </summary>
    public MigrationStep(IApplicationUserStore<TUser> store, IOptions<MigrationOptions> options, TimeProvider clock, ILogger<MigrationStep<TUser>> logger, GodwitClient? client = null, MigrationOutcomeReporter? reporter = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.store = store;
        this.options = options.Value;
        this.clock = clock;
        this.logger = logger;
        this.client = client;
        this.reporter = reporter;
    }

    /// <summary>Finds, links or creates the application's user for a Godwit user who just authenticated.</summary>
    /// <param name="godwitUser">The <c>user</c> of the authenticate response (magic link, passcode, password or session).</param>
    /// <param name="cancellationToken">Cancels the lookups and writes.</param>
    public async Task<MigrationResult<TUser>> MigrateAsync(UserWire godwitUser, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(godwitUser);
        var godwitUserId = godwitUser.UserId;
        if (string.IsNullOrEmpty(godwitUserId))
        {
            throw new ArgumentException("The Godwit user has no user_id.", nameof(godwitUser));
        }

        for (var round = 0; round < Rounds; round++)
        {
            if (await store.FindByGodwitUserIdAsync(godwitUserId, cancellationToken) is { } linked)
            {
                var id = store.GetApplicationUserId(linked);
                if (options.RecordRepeatLogins)
                {
                    await store.RecordAsync(id, Record(MigrationOutcome.AlreadyLinked, MatchedBy.GodwitUserId, godwitUserId), cancellationToken);
                }

                return Reported(new MigrationResult<TUser>(linked, id, godwitUserId, MigrationOutcome.AlreadyLinked, MatchedBy.GodwitUserId));
            }

            var lostRace = false;
            foreach (var evidence in EvidenceOf(godwitUser))
            {
                var candidate = await FindUnlinkedAsync(evidence, cancellationToken);
                if (candidate is null)
                {
                    continue;
                }

                var record = Record(MigrationOutcome.Linked, evidence.MatchedBy, godwitUserId) with { ProviderType = evidence.ProviderType };
                if (await store.TryLinkAsync(candidate, godwitUserId, record, cancellationToken))
                {
                    var result = new MigrationResult<TUser>(candidate, store.GetApplicationUserId(candidate), godwitUserId, MigrationOutcome.Linked, evidence.MatchedBy)
                    {
                        ProviderType = evidence.ProviderType,
                    };
                    return await FinishAsync(result, godwitUser, cancellationToken);
                }

                // Linked by a concurrent login between the lookup and the update: look again.
                lostRace = true;
                break;
            }

            if (lostRace)
            {
                continue;
            }

            // Recorded with the provider the person arrived with, so that progress can count social sign-ups.
            var signUp = Record(MigrationOutcome.Created, MatchedBy.None, godwitUserId) with { ProviderType = Registrations(godwitUser).FirstOrDefault()?.ProviderType };
            if (await store.TryCreateAsync(godwitUser, signUp, cancellationToken) is { } created)
            {
                return await FinishAsync(new MigrationResult<TUser>(created, store.GetApplicationUserId(created), godwitUserId, MigrationOutcome.Created, MatchedBy.None), godwitUser, cancellationToken);
            }
        }

        throw new InvalidOperationException($"The application's user for Godwit user {godwitUserId} could be neither found nor created after {Rounds} attempts.");
    }

    async Task<MigrationResult> IMigrationStep.MigrateAsync(UserWire godwitUser, CancellationToken cancellationToken) =>
        await MigrateAsync(godwitUser, cancellationToken);

    /// <summary>
    /// Provider subjects first, then verified emails, then verified phone numbers, each in the order
    /// Godwit lists them. A subject comes first because it names the very account the application's
    /// user logged in with, where an address can have changed hands since the application stored it.
    /// </summary>
    private static IEnumerable<Evidence> EvidenceOf(UserWire user) =>
        Registrations(user).Select(p => new Evidence(MatchedBy.ProviderSubject, p.ProviderSubject, p.ProviderType))
            .Concat((user.Emails ?? []).Where(e => e.Verified && !string.IsNullOrEmpty(e.Email)).Select(e => new Evidence(MatchedBy.Email, e.Email, null)))
            .Concat((user.PhoneNumbers ?? []).Where(p => p.Verified && !string.IsNullOrEmpty(p.PhoneNumber)).Select(p => new Evidence(MatchedBy.PhoneNumber, p.PhoneNumber, null)));

    private static IEnumerable<OAuthProviderWire> Registrations(UserWire user) =>
        (user.Providers ?? []).Where(p => !string.IsNullOrEmpty(p.ProviderType) && !string.IsNullOrEmpty(p.ProviderSubject));

    private Task<TUser?> FindUnlinkedAsync(Evidence evidence, CancellationToken cancellationToken) => evidence.MatchedBy switch
    {
        MatchedBy.ProviderSubject => store.FindUnlinkedByProviderSubjectAsync(evidence.ProviderType!, evidence.Value, cancellationToken),
        MatchedBy.Email => store.FindUnlinkedByEmailAsync(evidence.Value, cancellationToken),
        _ => store.FindUnlinkedByPhoneNumberAsync(evidence.Value, cancellationToken),
    };

    private MigrationRecord Record(MigrationOutcome outcome, MatchedBy matchedBy, string godwitUserId) =>
        new(clock.GetUtcNow(), outcome, matchedBy, godwitUserId);

    /// <summary>Queued for Godwit once the application's own write has committed; the login does not wait.</summary>
    private MigrationResult<TUser> Reported(MigrationResult<TUser> result)
    {
        reporter?.Report(result);
        return result;
    }

    private async Task<MigrationResult<TUser>> FinishAsync(MigrationResult<TUser> result, UserWire godwitUser, CancellationToken cancellationToken)
    {
        Reported(result);
        if (!options.WriteExternalId || godwitUser.ExternalId == result.ApplicationUserId)
        {
            return result;
        }

        if (client is null)
        {
            throw new InvalidOperationException("MigrationOptions.WriteExternalId needs a GodwitClient: call services.AddGodwitClient(...).");
        }

        try
        {
            await client.Users.UpdateAsync(result.GodwitUserId, new UpdateUserRequest { ExternalId = result.ApplicationUserId }, cancellationToken);
        }
        catch (GodwitApiException exception)
        {
            // The link in the application's database is what counts; the external id is a convenience.
            LogExternalIdNotWritten(logger, exception, result.ApplicationUserId, result.GodwitUserId, exception.ErrorType);
        }

        return result;
    }

    /// <summary>One thing the Godwit user proved, which may find the application's user.</summary>
    private sealed record Evidence(MatchedBy MatchedBy, string Value, string? ProviderType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write external_id {ApplicationUserId} on Godwit user {GodwitUserId}: {ErrorType}")]
    private static partial void LogExternalIdNotWritten(ILogger logger, Exception exception, string applicationUserId, string godwitUserId, string errorType);
}
