using Godwit.Migration.Tests.Support;
using Godwit.Testing.Http;
using Godwit.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Migration.Tests;

/// <summary>The store's own transactions skip EF Core's savepoints, and give the application's context back as it was.</summary>
public sealed class StoreTransactionTests(SqliteGodwit godwit) : IClassFixture<SqliteGodwit>
{
    [Fact]
    public async Task A_link_leaves_the_contexts_automatic_savepoints_as_the_application_set_them()
    {
        await using var database = await AppDatabase.SqliteAsync();
        var email = ApiCalls.UniqueEmail();
        await database.AddUserAsync(email: email);
        using var client = TestClient.For(godwit.Host);
        var login = await client.Client.ByEmailCodeAsync(godwit.Host, email);
        using var services = database.Services(godwit.Host);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        db.Database.AutoSavepointsEnabled = true;

        var result = await scope.ServiceProvider.GetRequiredService<MigrationStep<AppUser>>().MigrateAsync(login.User, TestContext.Current.CancellationToken);

        Assert.Equal(MigrationOutcome.Linked, result.Outcome);
        Assert.True(db.Database.AutoSavepointsEnabled);
        Assert.Null(db.Database.CurrentTransaction);
    }
}
