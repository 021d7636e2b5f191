using Godwit.Cli.Tests;
using Godwit.Testing;
using Godwit.Testing.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Godwit.Server.Tests.Keys;

/// <summary>
/// One project whose servers come and go on one database, one port and one fake clock, as a
/// deployment restarted with new settings does: the public URL (the JWT issuer) and the data stay.
/// </summary>
internal sealed class RestartingGodwit(KeysDatabase database) : IAsyncDisposable
{
    public const string ProjectId = "project-live-6a1f0c3e-0000-4000-8000-00000000c0de";

    private readonly int port = FreePort.Next();

    public KeysDatabase Database { get; } = database;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public static async Task<RestartingGodwit> CreateAsync(string provider)
    {
        var database = await KeysDatabase.CreateAsync(provider);
        if (database is null)
        {
            MissingTool.Skip(PostgresCluster.UnavailableReason ?? "PostgreSQL is unavailable.");
        }

        return new RestartingGodwit(database);
    }

    public Task<GodwitHost> StartAsync(string secret, string encryptionKeys)
    {
        var settings = new Dictionary<string, string?>(Database.Settings.ToDictionary(s => s.Key, s => (string?)s.Value))
        {
            ["Godwit:ProjectId"] = ProjectId,
            ["Godwit:Secret"] = secret,
            ["Godwit:EncryptionKeys"] = encryptionKeys,
        };
        return GodwitHost.StartAsync(new GodwitHostOptions { Port = port, Clock = Clock, Settings = settings });
    }

    /// <summary><c>godwit keys reseal</c> on this database, configured through the environment as a deployment would be.</summary>
    public Task<CommandRun> ResealAsync(string secret, string encryptionKeys) =>
        GodwitCli.RunAsync(["keys", "reseal", .. Database.Settings.Select(s => $"--{s.Key}={s.Value}")], new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Godwit__ProjectId"] = ProjectId,
            ["Godwit__Secret"] = secret,
            ["Godwit__EncryptionKeys"] = encryptionKeys,
        });

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
