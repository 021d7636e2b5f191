namespace Godwit.Migration.Statistics;

/// <summary>How far the rolling migration has come.</summary>
/// <param name="ApplicationUsers">Every user in the application's table.</param>
/// <param name="LinkedUsers">Users holding a Godwit user id, however they got it.</param>
/// <param name="LinkedAtLogin">Existing users linked at their first Godwit login.</param>
/// <param name="CreatedAtSignUp">Users created for people the application had never seen.</param>
/// <param name="NotYetSeen">
/// Users without a Godwit user id: they have not logged in since the migration began, and no backfill
/// has reached them yet. <c>godwit migration export-unseen</c> writes them out for <c>godwit import</c>.
/// </param>
/// <param name="Days">Per UTC day, oldest first, over the days asked for; days without events are left out.</param>
public sealed record MigrationStats(long ApplicationUsers, long LinkedUsers, long LinkedAtLogin, long CreatedAtSignUp, long NotYetSeen, IReadOnlyList<MigrationDay> Days)
{
    /// <summary>Existing users given their Godwit user by a backfill.</summary>
    public long Backfilled { get; init; }

    /// <summary>Users who signed up in the application and got their Godwit user at once (dual write).</summary>
    public long DualWritten { get; init; }

    /// <summary>Of <see cref="LinkedAtLogin"/>, those found by a provider subject the application stored (a social login).</summary>
    public long LinkedByProviderSubject { get; init; }

    /// <summary>Of <see cref="CreatedAtSignUp"/>, Godwit users who arrived with a provider registration that matched no application user.</summary>
    public long CreatedWithProvider { get; init; }

    /// <summary>The two counts above per provider, by provider type; empty when there are none.</summary>
    public IReadOnlyList<MigrationProvider> Providers { get; init; } = Array.Empty<MigrationProvider>();
}

/// <summary>Social logins of one provider in the migration.</summary>
/// <param name="ProviderType">Stytch's spelling, such as <c>Google</c> (a long generic OIDC name is cut to its first 10 characters).</param>
/// <param name="Linked">Application users linked by this provider's subject.</param>
/// <param name="Created">Application users created for Godwit users who arrived with this provider and matched nobody.</param>
public sealed record MigrationProvider(string ProviderType, long Linked, long Created);

/// <summary>One UTC day of the migration.</summary>
/// <param name="Day">The day.</param>
/// <param name="Linked">Existing users linked that day.</param>
/// <param name="Created">Users created by sign-up that day.</param>
/// <param name="RepeatLogins">Logins of people already linked, when those are recorded.</param>
public sealed record MigrationDay(DateOnly Day, long Linked, long Created, long RepeatLogins)
{
    /// <summary>Users backfilled that day.</summary>
    public long Backfilled { get; init; }

    /// <summary>Users dual-written that day.</summary>
    public long DualWritten { get; init; }
}

/// <summary>Reads <see cref="MigrationStats"/>; registered by <c>UseEntityFrameworkCore</c> (Godwit.Migration.EntityFrameworkCore).</summary>
public interface IMigrationStats
{
    /// <summary>The totals, and the last <paramref name="days"/> UTC days (today included).</summary>
    Task<MigrationStats> GetAsync(int days = 30, CancellationToken cancellationToken = default);
}
