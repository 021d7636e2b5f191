using Godwit.Core.Users;
using Godwit.Server;
using Godwit.Storage;
using Godwit.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Import.Tests.Running;

/// <summary>An empty, migrated Godwit database to import into: a SQLite file, or a new PostgreSQL database.</summary>
public sealed class ImportDatabase : IAsyncDisposable
{
    private readonly WebApplication app;

    private ImportDatabase(WebApplication app, string folder)
    {
        this.app = app;
        Folder = folder;
    }

    /// <summary>A folder for the test's export, checkpoint, errors and results files.</summary>
    public string Folder { get; }

    public static async Task<ImportDatabase?> StartAsync(string provider)
    {
        var folder = Directory.CreateTempSubdirectory("godwit-import-").FullName;
        string connection;
        if (provider == "sqlite")
        {
            connection = $"Data Source={Path.Combine(folder, "godwit.db")}";
        }
        else if (PostgresCluster.UnavailableReason is null)
        {
            connection = await (await PostgresCluster.Shared).CreateDatabaseAsync();
        }
        else
        {
            return null;
        }

        var app = GodwitApp.Build([
            "--Godwit:ProjectId=project-live-00000000-0000-4000-8000-000000000001",
            "--Godwit:Secret=secret-live-import-tests-0123456789abcdef0123456789",
            "--Godwit:EncryptionKeys=import-tests:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
            $"--Godwit:DataFolder={folder}",
            $"--Godwit:Database:Provider={provider}",
            $"--Godwit:Database:ConnectionString={connection}"]);
        await GodwitApp.PrepareAsync(app);
        return new ImportDatabase(app, folder);
    }

    /// <summary>The Godwit application on this database, built but not serving.</summary>
    public IServiceProvider Services => app.Services;

    /// <summary>A writer on its own scope, as each import process has.</summary>
    public (IBulkUserWriter Writer, AsyncServiceScope Scope) Writer()
    {
        var scope = app.Services.CreateAsyncScope();
        return (scope.ServiceProvider.GetRequiredService<IBulkUserWriter>(), scope);
    }

    public async Task<List<User>> UsersAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GodwitDbContext>().Users.AsNoTracking()
            .Include(u => u.Emails).Include(u => u.Phones).Include(u => u.Password).Include(u => u.OAuthRegistrations).AsSplitQuery()
            .ToListAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
