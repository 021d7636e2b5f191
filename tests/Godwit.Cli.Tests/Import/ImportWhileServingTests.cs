using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Godwit.Testing.Hosting;
using Microsoft.Data.Sqlite;

namespace Godwit.Cli.Tests.Import;

/// <summary>
/// `godwit import` into the SQLite file a running server uses: the server's sign-ups during the
/// import all succeed (they wait for the importer's commits, each spanning several write steps),
/// and the import ends with every exported person present once.
/// </summary>
public sealed class ImportWhileServingTests
{
    private const int People = 30_000;

    [Fact]
    public async Task Sign_ups_during_an_import_into_the_servers_sqlite_file_all_succeed()
    {
        await using var host = await GodwitHost.StartAsync();
        var export = Path.Combine(host.DataFolder, "users.csv");
        var text = new StringBuilder("id,email,encrypted_password,email_confirmed_at,phone,phone_confirmed_at,raw_user_meta_data,raw_app_meta_data,created_at\n");
        for (var i = 0; i < People; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"legacy-{i},imported-{i}@example.com,,2024-01-02 03:04:05+00,,,{{}},{{}},2024-01-02 03:04:05+00\n");
        }

        await File.WriteAllTextAsync(export, text.ToString(), TestContext.Current.CancellationToken);
        var database = Path.Combine(host.DataFolder, "godwit.db");
        Assert.True(File.Exists(database), "the server's SQLite file is not where the import is pointed");

        var import = GodwitCli.RunAsync([
            "import", export, "--preset", "supabase", "--batch-size", "12000",
            $"--Godwit:ProjectId={host.ProjectId}", $"--Godwit:Secret={host.Secret}", $"--Godwit:EncryptionKeys={host.EncryptionKeys}",
            $"--Godwit:DataFolder={host.DataFolder}", "--Godwit:Database:Provider=sqlite", $"--Godwit:Database:ConnectionString=Data Source={database}"]);
        var signUps = new List<(int Status, string Body)>();
        while (!import.IsCompleted)
        {
            using var response = await host.Client.PostAsJsonAsync("v1/users", new { email = $"signup-{signUps.Count}@example.com" }, TestContext.Current.CancellationToken);
            signUps.Add(((int)response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }

        var (exitCode, output, errors) = await import;
        Assert.True(exitCode == 0, errors + output);
        Assert.True(signUps.Count >= 5, $"only {signUps.Count} sign-ups ran during the import: make the export larger");
        Assert.All(signUps, signUp => Assert.True(signUp.Status == 200, signUp.Body));
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var count = new SqliteCommand("SELECT count(DISTINCT external_id), count(*) FROM users", connection);
        await using var reader = await count.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        Assert.Equal((People, People + signUps.Count), (reader.GetInt32(0), reader.GetInt32(1)));
    }
}
