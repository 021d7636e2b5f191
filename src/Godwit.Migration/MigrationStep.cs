using Godwit.Client;
using Godwit.Contracts.Users;
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
/// returned: finds the application's user by the stored Godwit user id, else by a verified email,
/// else by a verified phone number, and links it; or, for someone the application has never seen,
/// creates the user. Unverified addresses are never used: whoever registered an address at Godwit
/// without proving it could otherwise take over the application account that has it.
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

    /// <summary>Created by dependency injection; <paramref name="client"/> is needed only to write external ids.</summary>
    public MigrationStep(IApplicationUserStore<TUser> store, IOptions<MigrationOptions> options, TimeProvider clock, ILogger<MigrationStep<TUser>> logger, GodwitClient? client = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.store = store;
        this.options = options.Value;
        this.clock = clock;
        this.logger = logger;
        this.client = client;
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

                return new MigrationResult<TUser>(linked, id, godwitUserId, MigrationOutcome.AlreadyLinked, MatchedBy.GodwitUserId);
            }

            var lostRace = false;
            foreach (var (address, matchedBy) in VerifiedAddresses(godwitUser))
            {
                var candidate = matchedBy == MatchedBy.Email
                    ? await store.FindUnlinkedByEmailAsync(address, cancellationToken)
                    : await store.FindUnlinkedByPhoneNumberAsync(address, cancellationToken);
                if (candidate is null)
                {
                    continue;
                }

                if (await store.TryLinkAsync(candidate, godwitUserId, Record(MigrationOutcome.Linked, matchedBy, godwitUserId), cancellationToken))
                {
                    return await FinishAsync(new MigrationResult<TUser>(candidate, store.GetApplicationUserId(candidate), godwitUserId, MigrationOutcome.Linked, matchedBy), godwitUser, cancellationToken);
                }

                // Linked by a concurrent login between the lookup and the update: look again.
                lostRace = true;
                break;
            }

            if (lostRace)
            {
                continue;
            }

            if (await store.TryCreateAsync(godwitUser, Record(MigrationOutcome.Created, MatchedBy.None, godwitUserId), cancellationToken) is { } created)
            {
                return await FinishAsync(new MigrationResult<TUser>(created, store.GetApplicationUserId(created), godwitUserId, MigrationOutcome.Created, MatchedBy.None), godwitUser, cancellationToken);
            }
        }

        throw new InvalidOperationException($"The application's user for Godwit user {godwitUserId} could be neither found nor created after {Rounds} attempts.");
    }

    async Task<MigrationResult> IMigrationStep.MigrateAsync(UserWire godwitUser, CancellationToken cancellationToken) =>
        await MigrateAsync(godwitUser, cancellationToken);

    /// <summary>Verified emails first, then verified phone numbers, in the order Godwit lists them.</summary>
    private static IEnumerable<(string Address, MatchedBy MatchedBy)> VerifiedAddresses(UserWire user) =>
        (user.Emails ?? []).Where(e => e.Verified && !string.IsNullOrEmpty(e.Email)).Select(e => (e.Email, MatchedBy.Email))
            .Concat((user.PhoneNumbers ?? []).Where(p => p.Verified && !string.IsNullOrEmpty(p.PhoneNumber)).Select(p => (p.PhoneNumber, MatchedBy.PhoneNumber)));

    private MigrationRecord Record(MigrationOutcome outcome, MatchedBy matchedBy, string godwitUserId) =>
        new(clock.GetUtcNow(), outcome, matchedBy, godwitUserId);

    private async Task<MigrationResult<TUser>> FinishAsync(MigrationResult<TUser> result, UserWire godwitUser, CancellationToken cancellationToken)
    {
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write external_id {ApplicationUserId} on Godwit user {GodwitUserId}: {ErrorType}")]
    private static partial void LogExternalIdNotWritten(ILogger logger, Exception exception, string applicationUserId, string godwitUserId, string errorType);
}
