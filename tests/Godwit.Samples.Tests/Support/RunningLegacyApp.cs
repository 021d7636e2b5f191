using System.Globalization;
using Godwit.Testing.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Godwit.Samples.Tests.Support;

/// <summary>A member row of the sample's own table, read with plain SQL.</summary>
internal sealed record MemberRow(long Id, string Email, string DisplayName, string? GodwitUserId);

/// <summary>
/// The sample application (samples/Godwit.Samples.LegacyApp), built by its own <c>Program.Build</c>
/// with configuration pointing at a test's Godwit, on a fresh SQLite file and a real loopback port,
/// so that a real browser can reach it.
/// </summary>
internal sealed class RunningLegacyApp : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string folder;
    private readonly string connectionString;

    private RunningLegacyApp(WebApplication app, string folder, string databasePath, CapturedLogs logs)
    {
        this.app = app;
        Logs = logs;
        this.folder = folder;
        // Unpooled, so the test holds no handle on the file between reads.
        connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        Url = new Uri(app.Urls.Single());
    }

    public Uri Url { get; }

    /// <summary>What the application logged, at <c>StartAsync</c>'s level and above.</summary>
    public CapturedLogs Logs { get; }

    public static async Task<RunningLegacyApp> StartAsync(GodwitHost godwit, LogLevel logLevel = LogLevel.Warning)
    {
        var folder = Directory.CreateTempSubdirectory("godwit-sample-").FullName;
        var databasePath = Path.Combine(folder, "legacy-app.db");
        var app = LegacyApp.Program.Build(
        [
            "--contentRoot", folder,
            "--urls", "http://127.0.0.1:0",
            "--Godwit:BaseUrl", godwit.BaseUrl.ToString(),
            "--Godwit:ProjectId", godwit.ProjectId,
            "--Godwit:Secret", godwit.Secret,
            "--LegacyApp:DatabasePath", databasePath,
            "--Logging:LogLevel:Default", logLevel.ToString(),
        ]);
        var logs = new CapturedLogs();
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        await LegacyApp.Program.PrepareDatabaseAsync(app, TestContext.Current.CancellationToken);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new RunningLegacyApp(app, folder, databasePath, logs);
    }

    /// <summary>Every row of the application's <c>users</c> table, by id.</summary>
    public async Task<List<MemberRow>> MembersAsync()
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, email, display_name, godwit_user_id FROM users ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync();
        var members = new List<MemberRow>();
        while (await reader.ReadAsync())
        {
            members.Add(new MemberRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return members;
    }

    /// <summary>How many outcomes the migration step recorded in <c>godwit_migration_events</c>.</summary>
    public async Task<long> MigrationEventCountAsync()
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM godwit_migration_events";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned by the OS.
        }
    }
}
