using Godwit.Client;
using Godwit.Testing;
using Godwit.Testing.Hosting;
using Godwit.Tests.Support;

namespace Godwit.Migration.Tests.Support;

/// <summary>
/// Tests against a real Godwit and a real application database, fresh for each test. Subclasses
/// choose the database; one that cannot run here skips the test (fails it under CI).
/// </summary>
public abstract class AppDatabaseContract(SqliteGodwit godwit) : IAsyncLifetime
{
    private AppDatabase? database;
    private TestClient? godwitClient;

    protected AppDatabase Database => database ?? throw Unavailable();

    protected GodwitHost Host => godwit.Host;

    /// <summary>A client of <see cref="Host"/>, as an application holds one.</summary>
    protected GodwitClient Godwit => godwitClient!.Client;

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        database = await CreateDatabaseAsync();
        godwitClient = TestClient.For(godwit.Host);
    }

    public async ValueTask DisposeAsync()
    {
        await DisposeTestAsync();
        godwitClient?.Dispose();
        if (database is not null)
        {
            await database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes what a test class holds beside the database and the client.</summary>
    protected virtual ValueTask DisposeTestAsync() => ValueTask.CompletedTask;

    /// <summary>A fresh application database, or null when this database cannot run here.</summary>
    protected abstract Task<AppDatabase?> CreateDatabaseAsync();

    private static Exception Unavailable()
    {
        MissingTool.Skip(PostgresCluster.UnavailableReason ?? "This database is unavailable here.");
        return new InvalidOperationException();
    }
}
