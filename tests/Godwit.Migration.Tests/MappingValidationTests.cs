using Godwit.Migration.Tests.Support;
using Godwit.Testing.Http;
using Godwit.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Migration.Tests;

public sealed class MappingValidationTests(SqliteGodwit godwit) : IClassFixture<SqliteGodwit>
{
    [Fact]
    public void A_mapping_without_the_godwit_user_id_or_the_user_factory_is_refused_at_registration()
    {
        var services = new ServiceCollection();

        var noId = Assert.Throws<InvalidOperationException>(() =>
            services.AddGodwitMigration<AppUser>().UseEntityFrameworkCore<AppUser, AppDb>(users => users.CreateUser = _ => new AppUser()));
        var noFactory = Assert.Throws<InvalidOperationException>(() =>
            services.AddGodwitMigration<AppUser>().UseEntityFrameworkCore<AppUser, AppDb>(users => users.GodwitUserId = u => u.GodwitUserId));
        var notAProperty = Assert.Throws<ArgumentException>(() =>
            services.AddGodwitMigration<AppUser>().UseEntityFrameworkCore<AppUser, AppDb>(users =>
            {
                users.GodwitUserId = u => u.Email!.ToLower();
                users.CreateUser = _ => new AppUser();
            }));

        Assert.Contains("GodwitUserId", noId.Message, StringComparison.Ordinal);
        Assert.Contains("CreateUser", noFactory.Message, StringComparison.Ordinal);
        Assert.Contains("settable property", notAProperty.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_provider_mapped_twice_is_refused_whatever_the_case_of_its_type()
    {
        var users = new Godwit.Migration.EntityFrameworkCore.EfUserMapping<AppUser>().ProviderSubject("Github", u => u.GithubId);

        var twice = Assert.Throws<ArgumentException>(() => users.ProviderSubject("GitHub", u => u.GoogleId));

        Assert.Contains("GitHub subject is already mapped", twice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_without_the_unique_godwit_user_id_index_is_refused_with_the_call_that_adds_it()
    {
        var folder = Directory.CreateTempSubdirectory("godwit-app-").FullName;
        var services = new ServiceCollection();
        services.AddDbContext<ForgetfulDb>(options => options.UseSqlite($"Data Source={Path.Combine(folder, "app.db")}"));
        services.AddGodwitMigration<AppUser>().UseEntityFrameworkCore<AppUser, ForgetfulDb>(AppDatabase.Map);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        using var client = TestClient.For(godwit.Host);
        var login = await client.Client.ByEmailCodeAsync(godwit.Host, ApiCalls.UniqueEmail());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            scope.ServiceProvider.GetRequiredService<MigrationStep<AppUser>>().MigrateAsync(login.User, TestContext.Current.CancellationToken));

        Assert.Contains("modelBuilder.UseGodwitMigration<AppUser>(u => u.GodwitUserId)", error.Message, StringComparison.Ordinal);
    }
}
