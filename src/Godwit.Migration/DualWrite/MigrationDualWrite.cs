using Godwit.Client;
using Godwit.Migration.Backfill;
using Microsoft.Extensions.Logging;

namespace Godwit.Migration.DualWrite;

/// <summary>
/// For sign-ups the application still takes itself while the migration runs: after saving its new user,
/// the application calls <see cref="CreateAsync"/>, which creates the Godwit user (email, phone number,
/// name, external_id = the application user's id) and links it, recording a <c>dual_written</c>
/// outcome. Such a person never needs the backfill, and their first Godwit login finds them linked.
/// </summary>
/// <typeparam name="TUser">The application's user type.</typeparam>
public sealed class MigrationDualWrite<TUser>
    where TUser : class
{
    private readonly GodwitUserProvisioner<TUser> provisioner;

    /// <summary>Created by dependency injection (<c>AddGodwitMigration</c>, with <c>AddGodwitClient</c>), scoped.</summary>
    public MigrationDualWrite(IApplicationUserStore<TUser> users, IBackfillStore<TUser> source, GodwitClient godwit, TimeProvider clock, ILogger<MigrationDualWrite<TUser>> logger) =>
        provisioner = new GodwitUserProvisioner<TUser>(users, source, godwit, clock, logger);

    /// <summary>
    /// Creates and links the Godwit user of an application user that is already saved (it has its key).
    /// Godwit having the person already (their address verified there, or this external_id) links that
    /// user instead. An answer about the user's data (an address Godwit refuses, an address someone
    /// else holds unproven) is a <see cref="ProvisionOutcome.Failed"/> result; Godwit unreachable is an
    /// exception. Either way the user stays unlinked, and the next backfill or their first login links them.
    /// </summary>
    public Task<ProvisionResult> CreateAsync(TUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        return provisioner.ProvisionAsync(user, MigrationOutcome.DualWritten, RequestPacer.Unlimited, cancellationToken);
    }
}
