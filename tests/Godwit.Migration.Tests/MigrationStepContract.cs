using Godwit.Contracts.Users;
using Godwit.Migration.Statistics;
using Godwit.Migration.Tests.Support;
using Godwit.Testing;
using Godwit.Testing.Http;
using Godwit.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Godwit.Migration.Tests;

/// <summary>
/// The migration step against a real Godwit and a real application database. Each test gets a fresh
/// application database; the Godwit users come from real logins.
/// </summary>
public abstract class MigrationStepContract(SqliteGodwit godwit) : AppDatabaseContract(godwit)
{
    [Fact]
    public async Task A_person_already_linked_is_found_by_the_stored_godwit_user_id_and_nothing_is_written()
    {
        var login = await Godwit.ByEmailCodeAsync(Host, ApiCalls.UniqueEmail());
        var existing = await Database.AddUserAsync(email: "someone-else@example.com", godwitUserId: login.UserId);
        using var services = Database.Services(Host);

        var result = await MigrateAsync(services, login.User);

        Assert.Equal((MigrationOutcome.AlreadyLinked, MatchedBy.GodwitUserId), (result.Outcome, result.MatchedBy));
        Assert.Equal(existing.Id, result.User.Id);
        Assert.Equal(existing.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), result.ApplicationUserId);
        Assert.Empty(await Database.EventsAsync(login.UserId));
    }

    [Fact]
    public async Task An_existing_user_is_linked_by_a_verified_email_and_the_link_is_recorded()
    {
        var email = ApiCalls.UniqueEmail();
        var existing = await Database.AddUserAsync(email: email);
        var login = await Godwit.ByEmailCodeAsync(Host, email);
        using var services = Database.Services(Host);

        var result = await MigrateAsync(services, login.User);

        Assert.Equal((MigrationOutcome.Linked, MatchedBy.Email), (result.Outcome, result.MatchedBy));
        Assert.Equal(existing.Id, result.User.Id);
        Assert.Equal(login.UserId, result.User.GodwitUserId);
        Assert.Equal(login.UserId, (await Database.FindAsync(existing.Id)).GodwitUserId);
        var recorded = Assert.Single(await Database.EventsAsync(login.UserId));
        Assert.Equal(("linked", "email", result.ApplicationUserId), (recorded.Outcome, recorded.MatchedBy, recorded.ApplicationUserId));
    }

    [Fact]
    public async Task An_existing_user_is_linked_by_a_verified_phone_number()
    {
        var phone = ApiCalls.UniquePhone();
        var existing = await Database.AddUserAsync(phone: phone);
        var login = await Godwit.BySmsCodeAsync(Host, phone);
        using var services = Database.Services(Host);

        var result = await MigrateAsync(services, login.User);

        Assert.Equal((MigrationOutcome.Linked, MatchedBy.PhoneNumber), (result.Outcome, result.MatchedBy));
        Assert.Equal(existing.Id, result.User.Id);
        Assert.Equal(login.UserId, (await Database.FindAsync(existing.Id)).GodwitUserId);
        Assert.Equal("phone_number", Assert.Single(await Database.EventsAsync(login.UserId)).MatchedBy);
    }

    [Fact]
    public async Task Someone_the_application_has_never_seen_is_created_holding_the_godwit_user_id()
    {
        var email = ApiCalls.UniqueEmail();
        var login = await Godwit.ByEmailCodeAsync(Host, email);
        using var services = Database.Services(Host);

        var result = await MigrateAsync(services, login.User);

        Assert.Equal((MigrationOutcome.Created, MatchedBy.None), (result.Outcome, result.MatchedBy));
        var stored = await Database.FindAsync(result.User.Id);
        Assert.Equal((email, login.UserId, "signed up"), (stored.Email, stored.GodwitUserId, stored.DisplayName));
        Assert.Equal("created", Assert.Single(await Database.EventsAsync(login.UserId)).Outcome);
    }

    [Fact]
    public async Task An_unverified_email_never_links_an_existing_user()
    {
        var email = ApiCalls.UniqueEmail();
        var existing = await Database.AddUserAsync(email: email);
        // Created through the API and never logged in: the address is not proven.
        var created = await Godwit.Users.CreateAsync(new CreateUserRequest { Email = email }, Cancel);
        using var services = Database.Services(Host);

        var result = await MigrateAsync(services, created.User);

        Assert.False(Assert.Single(created.User.Emails).Verified);
        Assert.Equal(MigrationOutcome.Created, result.Outcome);
        Assert.NotEqual(existing.Id, result.User.Id);
        Assert.Null((await Database.FindAsync(existing.Id)).GodwitUserId);
    }

    [Fact]
    public async Task A_user_linked_to_another_godwit_user_is_not_taken_over()
    {
        var email = ApiCalls.UniqueEmail();
        var other = await Database.AddUserAsync(email: email, godwitUserId: "user-live-" + Guid.NewGuid());
        var login = await Godwit.ByEmailCodeAsync(Host, email);
        using var services = Database.Services(Host);

        var result = await MigrateAsync(services, login.User);

        Assert.Equal(MigrationOutcome.Created, result.Outcome);
        Assert.Equal(other.GodwitUserId, (await Database.FindAsync(other.Id)).GodwitUserId);
    }

    [Fact]
    public async Task The_second_login_finds_the_link_the_first_one_made()
    {
        var email = ApiCalls.UniqueEmail();
        await Database.AddUserAsync(email: email);
        var login = await Godwit.ByEmailCodeAsync(Host, email);
        using var services = Database.Services(Host);

        var first = await MigrateAsync(services, login.User);
        var second = await MigrateAsync(services, login.User);

        Assert.Equal((MigrationOutcome.Linked, MigrationOutcome.AlreadyLinked), (first.Outcome, second.Outcome));
        Assert.Equal(first.User.Id, second.User.Id);
        Assert.Single(await Database.EventsAsync(login.UserId));
    }

    [Fact]
    public async Task An_email_stored_in_mixed_case_matches_through_the_mapping_expression()
    {
        var email = ApiCalls.UniqueEmail();
        var existing = await Database.AddUserAsync(email: email.ToUpperInvariant());
        var login = await Godwit.ByEmailCodeAsync(Host, email);
        using var services = Database.Services(Host, mapping: users =>
        {
            AppDatabase.Map(users);
            users.Email = u => u.Email!.ToLower();
        });

        var result = await MigrateAsync(services, login.User);

        Assert.Equal((MigrationOutcome.Linked, existing.Id), (result.Outcome, result.User.Id));
    }

    [Fact]
    public async Task Repeat_logins_are_recorded_only_when_asked()
    {
        var login = await Godwit.ByEmailCodeAsync(Host, ApiCalls.UniqueEmail());
        using var services = Database.Services(Host, migration: options => options.RecordRepeatLogins = true);

        await MigrateAsync(services, login.User);
        await MigrateAsync(services, login.User);

        Assert.Equal(["already_linked", "created"], (await Database.EventsAsync(login.UserId)).Select(e => e.Outcome).Order());
    }

    [Fact]
    public async Task The_application_user_id_is_written_as_the_godwit_external_id_when_asked()
    {
        var email = ApiCalls.UniqueEmail();
        var existing = await Database.AddUserAsync(email: email);
        var login = await Godwit.ByEmailCodeAsync(Host, email);
        using var services = Database.Services(Host, migration: options => options.WriteExternalId = true);

        var result = await MigrateAsync(services, login.User);

        Assert.Equal(existing.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), result.ApplicationUserId);
        Assert.Equal(result.ApplicationUserId, (await Godwit.Users.GetAsync(login.UserId, Cancel)).ExternalId);
    }

    [Fact]
    public async Task Outcomes_carry_their_time_and_the_statistics_count_them_per_day()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 23, 59, 0, TimeSpan.Zero));
        var linkedEmail = ApiCalls.UniqueEmail();
        await Database.AddUserAsync(email: linkedEmail);
        await Database.AddUserAsync(email: ApiCalls.UniqueEmail());
        var linking = await Godwit.ByEmailCodeAsync(Host, linkedEmail);
        var signingUp = await Godwit.ByEmailCodeAsync(Host, ApiCalls.UniqueEmail());
        using var services = Database.Services(Host, clock: clock);

        await MigrateAsync(services, linking.User);
        clock.Advance(TimeSpan.FromMinutes(2));
        await MigrateAsync(services, signingUp.User);
        await using var scope = services.CreateAsyncScope();
        var stats = await scope.ServiceProvider.GetRequiredService<IMigrationStats>().GetAsync(7, Cancel);

        var linked = Assert.Single(await Database.EventsAsync(linking.UserId));
        Assert.Equal(new DateTime(2026, 11, 20, 23, 59, 0, DateTimeKind.Utc), DateTime.SpecifyKind(linked.OccurredAt, DateTimeKind.Utc));
        Assert.Equal(new DateOnly(2026, 11, 20), linked.Day);
        Assert.Equal(new MigrationStats(3, 2, 1, 1, 1, stats.Days), stats);
        Assert.Equal(
            [new MigrationDay(new DateOnly(2026, 11, 20), 1, 0, 0), new MigrationDay(new DateOnly(2026, 11, 21), 0, 1, 0)],
            stats.Days);
    }

    [Fact]
    public async Task Twenty_simultaneous_first_logins_of_someone_new_create_one_user()
    {
        var login = await Godwit.ByEmailCodeAsync(Host, ApiCalls.UniqueEmail());
        using var services = Database.Services(Host);

        var results = await RaceAsync(services, login.User, 20);

        Assert.Single(results, r => r.Outcome == MigrationOutcome.Created);
        Assert.Equal(19, results.Count(r => r.Outcome == MigrationOutcome.AlreadyLinked));
        Assert.Single(results.Select(r => r.User.Id).Distinct());
        await using var db = Database.NewContext();
        Assert.Equal(1, await db.Users.CountAsync(u => u.GodwitUserId == login.UserId, Cancel));
        Assert.Equal("created", Assert.Single(await Database.EventsAsync(login.UserId)).Outcome);
    }

    [Fact]
    public async Task Twenty_simultaneous_first_logins_of_an_existing_user_link_it_once()
    {
        var email = ApiCalls.UniqueEmail();
        var existing = await Database.AddUserAsync(email: email);
        var login = await Godwit.ByEmailCodeAsync(Host, email);
        using var services = Database.Services(Host);

        var results = await RaceAsync(services, login.User, 20);

        Assert.Single(results, r => r.Outcome == MigrationOutcome.Linked);
        Assert.Equal(19, results.Count(r => r.Outcome == MigrationOutcome.AlreadyLinked));
        Assert.All(results, r => Assert.Equal(existing.Id, r.User.Id));
        await using var db = Database.NewContext();
        Assert.Equal(1, await db.Users.CountAsync(u => u.GodwitUserId == login.UserId, Cancel));
        Assert.Equal(1, await db.Users.CountAsync(u => u.Email == email, Cancel));
        Assert.Equal("linked", Assert.Single(await Database.EventsAsync(login.UserId)).Outcome);
    }

    private static async Task<MigrationResult<AppUser>> MigrateAsync(ServiceProvider services, UserWire user)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MigrationStep<AppUser>>().MigrateAsync(user, Cancel);
    }

    /// <summary>Many logins of one person released at the same instant, each in its own scope and connection.</summary>
    private static async Task<MigrationResult<AppUser>[]> RaceAsync(ServiceProvider services, UserWire user, int logins)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, logins).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await MigrateAsync(services, user);
        })).ToList();
        start.SetResult();
        return await Task.WhenAll(racers);
    }
}

public sealed class SqliteMigrationStepTests(SqliteGodwit godwit) : MigrationStepContract(godwit), IClassFixture<SqliteGodwit>
{
    protected override async Task<AppDatabase?> CreateDatabaseAsync() => await AppDatabase.SqliteAsync();
}

public sealed class PostgresMigrationStepTests(SqliteGodwit godwit) : MigrationStepContract(godwit), IClassFixture<SqliteGodwit>
{
    protected override Task<AppDatabase?> CreateDatabaseAsync() => AppDatabase.PostgresAsync();
}
