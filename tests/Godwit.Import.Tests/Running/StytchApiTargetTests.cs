using System.Net;
using Godwit.Core.Passwords.Hashing;
using Godwit.Core.Users;
using Godwit.Import.Targets;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;

namespace Godwit.Import.Tests.Running;

/// <summary>
/// Importing one user per request through Create User and Migrate Password, as into Stytch's cloud;
/// a Godwit server stands in for it, since it answers those endpoints the same way.
/// </summary>
public sealed class StytchApiTargetTests : IAsyncLifetime
{
    // bcrypt cost 4 of "password", made by htpasswd (tests/vectors/passwords).
    private const string Bcrypt = "$2y$04$LnWD9XwSuMMv.cQKQvjycuDlPsrTJcAp6Y3lJkVhvOwBeaZVv9o8.";

    private GodwitHost host = null!;

    public async ValueTask InitializeAsync() => host = await GodwitHost.StartAsync();

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Users_are_created_or_migrated_once_and_matched_or_updated_when_sent_again()
    {
        using var http = ApiConnection.Create(host.BaseUrl, host.ProjectId, host.Secret, TimeSpan.FromSeconds(30));
        var target = new StytchApiTarget(http, requestsPerSecond: 200, concurrency: 4);
        var validation = new ImportValidation(new PasswordHashLimits(), TimeProvider.System);
        var tag = Guid.NewGuid().ToString("N");
        var users = Enumerable.Range(0, 20).Select(i =>
        {
            var person = new ImportUser(i + 1, $"st-{i}-{tag}", $"st-{i}-{tag}@example.com", true, null, false)
            {
                FirstName = "Before",
                PasswordHash = i % 2 == 0 ? new MigratedHashInput("bcrypt", Bcrypt) : null,
            };
            validation.Check(person, out var user);
            return user!;
        }).ToList();

        var first = await target.WriteAsync(users, upsert: false, TestContext.Current.CancellationToken);
        var second = await target.WriteAsync(users, upsert: false, TestContext.Current.CancellationToken);
        foreach (var user in users)
        {
            user.FirstName = "After";
        }

        var third = await target.WriteAsync(users, upsert: true, TestContext.Current.CancellationToken);

        Assert.All(first, outcome => Assert.IsType<BulkOutcome.Created>(outcome));
        Assert.Equal(first.Select(o => ((BulkOutcome.Created)o).UserId), second.Select(o => Assert.IsType<BulkOutcome.Matched>(o).UserId));
        Assert.All(third, outcome => Assert.IsType<BulkOutcome.Updated>(outcome));
        Assert.Equal("After", (await host.Client.GetJsonAsync($"/v1/users/st-3-{tag}")).Body.GetProperty("name").GetProperty("first_name").GetString());
        var login = await host.Client.PostAsync("/v1/passwords/authenticate", new { email = $"st-0-{tag}@example.com", password = "password" });
        Assert.Equal(HttpStatusCode.OK, login.Status);
    }

    [Fact]
    public async Task Linked_accounts_cannot_be_sent_and_the_target_says_so()
    {
        using var http = ApiConnection.Create(host.BaseUrl, host.ProjectId, host.Secret, TimeSpan.FromSeconds(30));
        IBulkUserWriter target = new StytchApiTarget(http, requestsPerSecond: 200, concurrency: 1);
        var tag = Guid.NewGuid().ToString("N");
        new ImportValidation(new PasswordHashLimits(), TimeProvider.System).Check(new ImportUser(1, $"social-{tag}", $"social-{tag}@example.com", true, null, false)
        {
            OAuthIdentities = [new ImportedOAuthIdentity("google", "sub-" + tag)],
        }, out var user);

        var created = Assert.IsType<BulkOutcome.Created>(Assert.Single(await target.WriteAsync([user!], upsert: false, TestContext.Current.CancellationToken)));

        Assert.False(target.KeepsOAuthIdentities);
        Assert.Empty((await host.Client.GetJsonAsync($"/v1/users/{created.UserId}")).Body.GetProperty("providers").EnumerateArray());
    }
}
