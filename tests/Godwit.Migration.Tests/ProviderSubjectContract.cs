using Godwit.Contracts.Users;
using Godwit.Migration.Statistics;
using Godwit.Migration.Tests.Support;
using Godwit.Testing.Http;
using Godwit.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Migration.Tests;

/// <summary>
/// Linking by a provider subject the application stored (its <c>google_id</c> column): against a real
/// Godwit whose users carry a provider registration, and the step fed the user as Godwit's
/// <c>GET /v1/users/{id}</c> answers it.
/// </summary>
public abstract class ProviderSubjectContract(SqliteGodwit godwit) : AppDatabaseContract(godwit)
{
    [Fact]
    public async Task A_google_registration_links_the_application_user_holding_that_subject_though_no_email_matches()
    {
        var subject = GodwitUsers.UniqueGoogleSubject();
        var existing = await Database.AddUserAsync(email: ApiCalls.UniqueEmail(), googleId: subject);
        var godwitUser = await GodwitUserAsync(ApiCalls.UniqueEmail(), ("Google", subject));
        using var services = Database.Services(Host);

        var result = await MigrateAsync(services, godwitUser);

        Assert.Equal((MigrationOutcome.Linked, MatchedBy.ProviderSubject, "Google"), (result.Outcome, result.MatchedBy, result.ProviderType));
        Assert.Equal(existing.Id, result.User.Id);
        Assert.Equal(godwitUser.UserId, (await Database.FindAsync(existing.Id)).GodwitUserId);
        var recorded = Assert.Single(await Database.EventsAsync(godwitUser.UserId));
        Assert.Equal(("linked", "oauth:Google", result.ApplicationUserId), (recorded.Outcome, recorded.MatchedBy, recorded.ApplicationUserId));
    }

    [Fact]
    public async Task The_provider_subject_wins_over_a_verified_email_held_by_another_application_user()
    {
        var email = ApiCalls.UniqueEmail();
        var subject = GodwitUsers.UniqueGoogleSubject();
        var byEmail = await Database.AddUserAsync(email: email);
        var bySubject = await Database.AddUserAsync(email: ApiCalls.UniqueEmail(), googleId: subject);
        var godwitUser = await GodwitUserAsync(email, ("Google", subject));
        using var services = Database.Services(Host);

        var result = await MigrateAsync(services, godwitUser);

        Assert.True(Assert.Single(godwitUser.Emails).Verified);
        Assert.Equal((MigrationOutcome.Linked, MatchedBy.ProviderSubject, bySubject.Id), (result.Outcome, result.MatchedBy, result.User.Id));
        Assert.Null((await Database.FindAsync(byEmail.Id)).GodwitUserId);
    }

    [Fact]
    public async Task An_application_user_linked_to_another_godwit_user_is_not_taken_by_its_subject()
    {
        var email = ApiCalls.UniqueEmail();
        var subject = GodwitUsers.UniqueGoogleSubject();
        var elsewhere = await Database.AddUserAsync(googleId: subject, godwitUserId: "user-live-" + Guid.NewGuid());
        var byEmail = await Database.AddUserAsync(email: email);
        var godwitUser = await GodwitUserAsync(email, ("Google", subject));
        using var services = Database.Services(Host);

        var result = await MigrateAsync(services, godwitUser);

        Assert.Equal((MigrationOutcome.Linked, MatchedBy.Email, byEmail.Id), (result.Outcome, result.MatchedBy, result.User.Id));
        Assert.Equal(elsewhere.GodwitUserId, (await Database.FindAsync(elsewhere.Id)).GodwitUserId);
    }

    [Fact]
    public async Task A_subject_stored_for_another_provider_links_nobody()
    {
        var subject = GodwitUsers.UniqueGoogleSubject();
        var github = await Database.AddUserAsync(githubId: subject);
        var godwitUser = await GodwitUserAsync(ApiCalls.UniqueEmail(), ("Google", subject));
        using var services = Database.Services(Host);

        var result = await MigrateAsync(services, godwitUser);

        Assert.Equal(MigrationOutcome.Created, result.Outcome);
        Assert.Null((await Database.FindAsync(github.Id)).GodwitUserId);
        var recorded = Assert.Single(await Database.EventsAsync(godwitUser.UserId));
        Assert.Equal(("created", "oauth:Google"), (recorded.Outcome, recorded.MatchedBy));
    }

    [Fact]
    public async Task A_store_that_declares_no_provider_subjects_goes_on_to_the_email()
    {
        var email = ApiCalls.UniqueEmail();
        var subject = GodwitUsers.UniqueGoogleSubject();
        await Database.AddUserAsync(googleId: subject);
        var byEmail = await Database.AddUserAsync(email: email);
        var godwitUser = await GodwitUserAsync(email, ("Google", subject));
        using var services = Database.Services(Host, mapping: users =>
        {
            users.GodwitUserId = u => u.GodwitUserId;
            users.Email = u => u.Email;
            users.CreateUser = _ => new AppUser();
        });

        var result = await MigrateAsync(services, godwitUser);

        Assert.Equal((MigrationOutcome.Linked, MatchedBy.Email, byEmail.Id), (result.Outcome, result.MatchedBy, result.User.Id));
    }

    [Fact]
    public async Task An_unverified_email_still_links_nobody_when_the_godwit_user_has_a_registration()
    {
        var email = ApiCalls.UniqueEmail();
        var existing = await Database.AddUserAsync(email: email);
        // Created through the API and never logged in: the address is not proven.
        var created = await Godwit.Users.CreateAsync(new CreateUserRequest { Email = email }, Cancel);
        await Host.AddOAuthRegistrationAsync(created.UserId, "Github", GodwitUsers.UniqueGoogleSubject());
        var godwitUser = await GodwitUsers.GetAsync(Host, created.UserId);
        using var services = Database.Services(Host);

        var result = await MigrateAsync(services, godwitUser);

        Assert.False(Assert.Single(godwitUser.Emails).Verified);
        Assert.Equal(MigrationOutcome.Created, result.Outcome);
        Assert.NotEqual(existing.Id, result.User.Id);
        Assert.Null((await Database.FindAsync(existing.Id)).GodwitUserId);
    }

    [Fact]
    public async Task The_statistics_count_social_links_and_sign_ups_per_provider()
    {
        var subject = GodwitUsers.UniqueGoogleSubject();
        var linkedEmail = ApiCalls.UniqueEmail();
        await Database.AddUserAsync(googleId: subject);
        await Database.AddUserAsync(email: linkedEmail);
        var social = await GodwitUserAsync(ApiCalls.UniqueEmail(), ("Google", subject));
        var socialSignUp = await GodwitUserAsync(ApiCalls.UniqueEmail(), ("Github", GodwitUsers.UniqueGoogleSubject()));
        var byEmail = await GodwitUserAsync(linkedEmail);
        var plainSignUp = await GodwitUserAsync(ApiCalls.UniqueEmail());
        using var services = Database.Services(Host);

        foreach (var user in (UserWire[])[social, socialSignUp, byEmail, plainSignUp])
        {
            await MigrateAsync(services, user);
        }

        await using var scope = services.CreateAsyncScope();
        var stats = await scope.ServiceProvider.GetRequiredService<IMigrationStats>().GetAsync(7, Cancel);

        Assert.Equal((4L, 2L, 2L, 1L, 1L), (stats.ApplicationUsers, stats.LinkedAtLogin, stats.CreatedAtSignUp, stats.LinkedByProviderSubject, stats.CreatedWithProvider));
        Assert.Equal([new MigrationProvider("Github", 0, 1), new MigrationProvider("Google", 1, 0)], stats.Providers);
    }

    [Fact]
    public async Task Twenty_simultaneous_first_logins_link_the_subject_holder_once()
    {
        var subject = GodwitUsers.UniqueGoogleSubject();
        var existing = await Database.AddUserAsync(googleId: subject);
        var godwitUser = await GodwitUserAsync(ApiCalls.UniqueEmail(), ("Google", subject));
        using var services = Database.Services(Host);

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await MigrateAsync(services, godwitUser);
        })).ToList();
        start.SetResult();
        var results = await Task.WhenAll(racers);

        Assert.Single(results, r => r.Outcome == MigrationOutcome.Linked);
        Assert.All(results, r => Assert.Equal(existing.Id, r.User.Id));
        await using var db = Database.NewContext();
        Assert.Equal(1, await db.Users.CountAsync(u => u.GodwitUserId == godwitUser.UserId, Cancel));
        Assert.Equal("oauth:Google", Assert.Single(await Database.EventsAsync(godwitUser.UserId)).MatchedBy);
    }

    /// <summary>A Godwit user who logged in by email code (so the email is verified), with the registrations given, as GET /v1/users/{id} answers.</summary>
    private async Task<UserWire> GodwitUserAsync(string email, params (string ProviderType, string Subject)[] registrations)
    {
        var login = await Godwit.ByEmailCodeAsync(Host, email);
        foreach (var (providerType, subject) in registrations)
        {
            await Host.AddOAuthRegistrationAsync(login.UserId, providerType, subject);
        }

        var user = await GodwitUsers.GetAsync(Host, login.UserId);
        Assert.Equal(registrations.Length, user.Providers.Count);
        return user;
    }

    private static async Task<MigrationResult<AppUser>> MigrateAsync(ServiceProvider services, UserWire user)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MigrationStep<AppUser>>().MigrateAsync(user, Cancel);
    }
}

public sealed class SqliteProviderSubjectTests(SqliteGodwit godwit) : ProviderSubjectContract(godwit), IClassFixture<SqliteGodwit>
{
    protected override async Task<AppDatabase?> CreateDatabaseAsync() => await AppDatabase.SqliteAsync();
}

public sealed class PostgresProviderSubjectTests(SqliteGodwit godwit) : ProviderSubjectContract(godwit), IClassFixture<SqliteGodwit>
{
    protected override Task<AppDatabase?> CreateDatabaseAsync() => AppDatabase.PostgresAsync();
}
