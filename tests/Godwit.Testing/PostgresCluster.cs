using Npgsql;

namespace Godwit.Testing;

/// <summary>
/// A throwaway PostgreSQL server of its own: a fresh cluster in a temporary folder on a free loopback
/// port, trusting every local connection, with durability switched off for speed. Tests get a fresh
/// database each from <see cref="CreateDatabaseAsync"/>, so they never see each other's data.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private const string Superuser = "postgres";
    private const int StartAttempts = 3;

    private static readonly Lazy<(PostgresBinaries? Binaries, string? Reason)> binaries = new(() =>
    {
        var found = PostgresBinaries.Locate(out var reason);
        return (found, reason);
    });

    private static readonly Lazy<Task<PostgresCluster>> shared = new(StartSharedAsync);

    private readonly PostgresBinaries tools;
    private int disposed;

    private PostgresCluster(PostgresBinaries tools, string dataDirectory, int port)
    {
        this.tools = tools;
        DataDirectory = dataDirectory;
        Port = port;
    }

    /// <summary>
    /// Why no cluster can be started on this machine, or null when one can. Tests pass it to
    /// <see cref="MissingTool.Skip(string)"/>; a cluster that fails to start although the binaries exist is a failure, not a skip.
    /// </summary>
    public static string? UnavailableReason => binaries.Value.Reason;

    /// <summary>One cluster for the whole test process, started on first use and stopped when the process exits.</summary>
    public static Task<PostgresCluster> Shared => shared.Value;

    /// <summary>Stops the shared cluster if a test started it; see <see cref="PostgresShutdown"/>.</summary>
    public static async ValueTask StopSharedAsync()
    {
        if (shared.IsValueCreated && shared.Value.IsCompletedSuccessfully)
        {
            await shared.Value.Result.DisposeAsync();
        }
    }

    public string DataDirectory { get; }

    public int Port { get; }

    public static async Task<PostgresCluster> StartAsync()
    {
        var tools = binaries.Value.Binaries ?? throw new InvalidOperationException(UnavailableReason);
        // Short and under /tmp: the server's Unix socket lives in this folder and socket paths are
        // limited to about 100 bytes; and a user we switch to must be able to reach it.
        var dataDirectory = Path.Combine(
            tools.RunAsUser is null ? Path.GetTempPath() : "/tmp",
            $"godwit-pg-{Guid.NewGuid():N}"[..22]);
        try
        {
            // initdb creates the folder itself, so it belongs to whoever the server runs as.
            await tools.RunAsync("initdb", "-D", dataDirectory, "-U", Superuser, "--auth=trust", "-E", "UTF8", $"--locale={Locale()}", "--no-sync");
            return await StartServerAsync(tools, dataDirectory);
        }
        catch
        {
            DeleteQuietly(dataDirectory);
            throw;
        }
    }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Superuser,
        Database = database,
        IncludeErrorDetail = true,
        // Every test database gets a pool of its own; close idle connections quickly so a long run
        // does not pile up hundreds of them against max_connections.
        ConnectionIdleLifetime = 5,
        ConnectionPruningInterval = 1,
    }.ConnectionString;

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var name = $"godwit_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        // Idle pooled connections to this server would otherwise be handed out to a later cluster
        // that happens to get the same port.
        NpgsqlConnection.ClearAllPools();
        try
        {
            await tools.RunAsync("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "stop");
        }
        finally
        {
            DeleteQuietly(DataDirectory);
        }
    }

    private static async Task<PostgresCluster> StartServerAsync(PostgresBinaries tools, string dataDirectory)
    {
        var log = Path.Combine(dataDirectory, "server.log");
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            // pg_ctl hands -o to a shell, hence the quotes around the folder.
            var serverOptions = $"-p {port} -k '{dataDirectory}' -c listen_addresses=127.0.0.1 "
                + "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
            try
            {
                // -l: without a log file the server would inherit our output pipes and the runner would
                // wait for the server to exit.
                await tools.RunAsync("pg_ctl", "-D", dataDirectory, "-l", log, "-o", serverOptions, "-w", "-t", "60", "start");
                return new PostgresCluster(tools, dataDirectory, port);
            }
            catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
            {
                var serverLog = File.Exists(log) ? File.ReadAllText(log) : "(no server log)";
                // Another process may take the free port between our probe and the server's bind.
                if (attempt < StartAttempts && serverLog.Contains("could not bind", StringComparison.Ordinal))
                {
                    File.Delete(log);
                    continue;
                }

                throw new InvalidOperationException($"PostgreSQL did not start on port {port}: {exception.Message}\nserver log:\n{serverLog}", exception);
            }
        }
    }

    private static async Task<PostgresCluster> StartSharedAsync()
    {
        var cluster = await StartAsync();
        // PostgresShutdown stops it when the test run ends; this covers a process that ends some
        // other way, so the server never outlives it.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return cluster;
    }

    /// <summary>C.UTF-8 where the C library has it, for Unicode-aware lower() and upper(); plain C elsewhere.</summary>
    private static string Locale() =>
        Directory.Exists("/usr/lib/locale/C.utf8") || Directory.Exists("/usr/lib/locale/C.UTF-8") ? "C.UTF-8" : "C";

    private static void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // Left behind in the temp folder; never worth failing a test over.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
