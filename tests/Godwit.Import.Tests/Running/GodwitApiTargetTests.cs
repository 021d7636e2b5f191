using System.Net;
using System.Text.Json.Nodes;
using Godwit.Core.Passwords.Hashing;
using Godwit.Core.Users;
using Godwit.Import.Targets;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;

namespace Godwit.Import.Tests.Running;

/// <summary>Importing into a running Godwit over HTTP, as the importer's server target does.</summary>
public sealed class GodwitApiTargetTests : IAsyncLifetime
{
    // bcrypt cost 4 of "password", made by htpasswd (tests/vectors/passwords).
    private const string Bcrypt = "$2y$04$LnWD9XwSuMMv.cQKQvjycuDlPsrTJcAp6Y3lJkVhvOwBeaZVv9o8.";

    private GodwitHost host = null!;

    public async ValueTask InitializeAsync() => host = await GodwitHost.StartAsync();

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Users_sent_in_batches_are_created_once_with_their_hashes_and_configs()
    {
        using var http = ApiConnection.Create(host.BaseUrl, host.ProjectId, host.Secret, TimeSpan.FromSeconds(30));
        var target = new GodwitApiTarget(http, GodwitApiTarget.NewTransitKeys());
        var validation = new ImportValidation(new PasswordHashLimits(), TimeProvider.System);
        var tag = Guid.NewGuid().ToString("N");
        var people = Enumerable.Range(0, 1_500).Select(i => new ImportUser(i + 1, $"api-{i}-{tag}", $"api-{i}-{tag}@example.com", i % 2 == 0, null, false)
        {
            FirstName = "Api",
            TrustedMetadata = new JsonObject { ["n"] = i },
            PasswordHash = i == 0 ? new MigratedHashInput("bcrypt", Bcrypt) : i == 1 ? new MigratedHashInput("md_5", "124a423e9a42ab623edb785d17975d12") { Md5Config = new SaltedDigestConfig("salt-", null) } : null,
        }).ToList();
        var users = people.Select(p => { validation.Check(p, out var user); return user!; }).ToList();

        var first = await target.WriteAsync(users, upsert: false, TestContext.Current.CancellationToken);
        var second = await target.WriteAsync(users, upsert: false, TestContext.Current.CancellationToken);

        Assert.All(first, outcome => Assert.IsType<Core.Users.BulkOutcome.Created>(outcome));
        Assert.All(second, outcome => Assert.IsType<Core.Users.BulkOutcome.Matched>(outcome));
        var fetched = await host.Client.GetJsonAsync($"/v1/users/api-7-{tag}");
        Assert.Equal(7, fetched.Body.GetProperty("trusted_metadata").GetProperty("n").GetInt32());
        var bcryptLogin = await host.Client.PostAsync("/v1/passwords/authenticate", new { email = $"api-0-{tag}@example.com", password = "password" });
        var md5Login = await host.Client.PostAsync("/v1/passwords/authenticate", new { email = $"api-1-{tag}@example.com", password = "password" });
        Assert.Equal(HttpStatusCode.OK, bcryptLogin.Status);
        Assert.Equal(HttpStatusCode.OK, md5Login.Status);
    }

    [Fact]
    public async Task Linked_accounts_travel_in_the_rows_providers_and_a_held_one_fails_its_row_alone()
    {
        using var http = ApiConnection.Create(host.BaseUrl, host.ProjectId, host.Secret, TimeSpan.FromSeconds(30));
        var target = new GodwitApiTarget(http, GodwitApiTarget.NewTransitKeys());
        var validation = new ImportValidation(new PasswordHashLimits(), TimeProvider.System);
        var (tag, subject) = (Guid.NewGuid().ToString("N"), "sub-" + Guid.NewGuid().ToString("N"));
        var users = new[] { "linked", "claimer" }.Select((name, i) =>
        {
            validation.Check(new ImportUser(i + 1, $"{name}-{tag}", $"{name}-{tag}@example.com", true, null, false)
            {
                OAuthIdentities = [new ImportedOAuthIdentity("google", subject) { ProfilePictureUrl = "https://example.com/p.png" }],
            }, out var user);
            return user!;
        }).ToList();

        var outcomes = await target.WriteAsync(users, upsert: false, TestContext.Current.CancellationToken);

        var created = Assert.IsType<BulkOutcome.Created>(outcomes[0]);
        Assert.Equal("duplicate_oauth_registration", Assert.IsType<BulkOutcome.Conflict>(outcomes[1]).ErrorType);
        var provider = Assert.Single((await host.Client.GetJsonAsync($"/v1/users/{created.UserId}")).Body.GetProperty("providers").EnumerateArray());
        Assert.Equal(("Google", subject, "https://example.com/p.png"), (provider.GetProperty("provider_type").GetString(), provider.GetProperty("provider_subject").GetString(), provider.GetProperty("profile_picture_url").GetString()));
    }
}
