using System.Diagnostics;
using System.Globalization;
using Godwit.Bench.Http;
using Godwit.Bench.Import;
using Godwit.Core.Security;
using Godwit.Server;
using Godwit.Testing;

// Generates a Supabase export of N users (passwordless, then with bcrypt hashes), and for SQLite and
// PostgreSQL measures in one session: a bare bulk insert of the same rows into an empty Godwit schema,
// then `godwit import` of the export into another empty one. Then, through the API targets, imports
// a smaller export with bcrypt hashes into a running `godwit serve` (SQLite): one user per request
// (--target stytch, as against Stytch's API, with no rate limit) and the bulk endpoint
// (--target godwit). Usage:
//   dotnet run -c Release --project bench/Godwit.Bench.Import -- <path to godwit.dll> [users] [sqlite,postgres] [API users, default 20000; 0 skips]
var godwitDll = Path.GetFullPath(args.Length > 0 ? args[0] : throw new ArgumentException("Pass the path to godwit.dll."));
var users = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
var databases = args.Length > 2 ? args[2].Split(',', StringSplitOptions.RemoveEmptyEntries) : ["sqlite", "postgres"];
var apiUsers = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 20_000;
var work = Directory.CreateTempSubdirectory("godwit-import-bench-").FullName;
const string ProjectId = "project-live-5f0d1c9e-0000-4000-8000-00000000b3c4";
const string Secret = "secret-live-import-bench-0123456789abcdef0123456789";
var encryptionKeys = EncryptionKey.NewSetting(DateTimeOffset.UtcNow);
Console.WriteLine($"{users:N0} users; {Environment.ProcessorCount} cores; load {File.ReadAllText("/proc/loadavg").Trim()}; work folder {work}");
Console.WriteLine("| database | export | bare insert s | godwit import s | import / bare | import users/s |");
Console.WriteLine("|---|---|---:|---:|---:|---:|");

foreach (var withPasswords in new[] { false, true })
{
    var kind = withPasswords ? "bcrypt" : "passwordless";
    var export = Path.Combine(work, $"supabase-{kind}.csv");
    await ExportGenerator.WriteAsync("supabase", users, withPasswords, export);
    foreach (var database in databases)
    {
        var bare = await FreshDatabaseAsync(database, work, $"bare-{kind}", encryptionKeys);
        var bareTime = database == "sqlite"
            ? BareInsert.Sqlite(bare.ConnectionString, users, withPasswords)
            : await BareInsert.PostgresAsync(bare.ConnectionString, users, withPasswords);
        var target = await FreshDatabaseAsync(database, work, $"import-{kind}", encryptionKeys);
        var importTime = await ImportAsync(godwitDll, export, target, database, work, encryptionKeys);
        Console.WriteLine($"| {database} | {kind} | {bareTime.TotalSeconds:F1} | {importTime.TotalSeconds:F1} | {importTime / bareTime:F2} | {users / importTime.TotalSeconds:N0} |");
    }
}

if (apiUsers > 0)
{
    var export = Path.Combine(work, "supabase-api.csv");
    await ExportGenerator.WriteAsync("supabase", apiUsers, withPasswords: true, export);
    Console.WriteLine();
    Console.WriteLine($"Through the API targets: {apiUsers:N0} users with bcrypt hashes into `godwit serve` (SQLite), load {File.ReadAllText("/proc/loadavg").Trim()}");
    Console.WriteLine("| target | requests | import s | users/s |");
    Console.WriteLine("|---|---|---:|---:|");
    foreach (var (target, requests) in new[] { ("stytch", "one user per request (Migrate Password), concurrency 8"), ("godwit", "POST /v1/users/import, 1,000 users each") })
    {
        var folder = Path.Combine(work, $"api-{target}");
        Directory.CreateDirectory(folder);
        var port = FreePort.Next();
        await using var server = await ServerProcess.StartAsync(
            "godwit", godwitDll, ["serve"],
            // Rate limits off: the targets are measured at full speed (hundreds of Migrate Password
            // calls a second), which the default limits would pace to 100 a second.
            new Dictionary<string, string> { ["Godwit__ProjectId"] = ProjectId, ["Godwit__Secret"] = Secret, ["Godwit__EncryptionKeys"] = encryptionKeys, ["Godwit__DataFolder"] = folder, ["Godwit__RateLimits__Enabled"] = "false" },
            port, Path.Combine(folder, "server.log"), "/health");
        var time = await ImportAsync(godwitDll, export, (folder, ""), "api", work, encryptionKeys,
            ["--target", target, "--url", server.BaseUrl.ToString(), "--project-id", ProjectId, "--secret", Secret, "--rate", "1000000"]);
        Console.WriteLine($"| {target} | {requests} | {time.TotalSeconds:F1} | {apiUsers / time.TotalSeconds:N0} |");
    }
}

return 0;

// An empty, migrated Godwit database: a SQLite file in its own data folder, or a new PostgreSQL database.
static async Task<(string DataFolder, string ConnectionString)> FreshDatabaseAsync(string database, string work, string name, string encryptionKeys)
{
    var folder = Path.Combine(work, name + "-" + database);
    Directory.CreateDirectory(folder);
    var connection = database == "sqlite"
        ? $"Data Source={Path.Combine(folder, "godwit.db")}"
        : await (await PostgresCluster.Shared).CreateDatabaseAsync();
    var app = GodwitApp.Build([
        $"--Godwit:ProjectId={ProjectId}", $"--Godwit:Secret={Secret}", $"--Godwit:EncryptionKeys={encryptionKeys}", $"--Godwit:DataFolder={folder}",
        $"--Godwit:Database:Provider={database}", $"--Godwit:Database:ConnectionString={connection}"]);
    await GodwitApp.PrepareAsync(app);
    await app.DisposeAsync();
    return (folder, connection);
}

// Runs `godwit import` into the database (or, with targetArguments, through an API target) and times the process.
static async Task<TimeSpan> ImportAsync(string godwitDll, string export, (string DataFolder, string ConnectionString) target, string database, string work, string encryptionKeys, string[]? targetArguments = null)
{
    var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true };
    string[] into = targetArguments ?? [
        $"--Godwit:DataFolder={target.DataFolder}", $"--Godwit:Database:Provider={database}", $"--Godwit:Database:ConnectionString={target.ConnectionString}"];
    foreach (var argument in (string[])[godwitDll, "import", export, "--preset", "supabase",
        "--state", Path.Combine(target.DataFolder, "state.json"), "--errors", Path.Combine(target.DataFolder, "errors.jsonl"),
        "--results", Path.Combine(target.DataFolder, "results.jsonl"), .. into])
    {
        start.ArgumentList.Add(argument);
    }

    start.Environment["Godwit__ProjectId"] = ProjectId;
    start.Environment["Godwit__Secret"] = Secret;
    start.Environment["Godwit__EncryptionKeys"] = encryptionKeys;
    var watch = Stopwatch.StartNew();
    using var process = Process.Start(start)!;
    var output = await process.StandardOutput.ReadToEndAsync();
    await process.WaitForExitAsync();
    var elapsed = watch.Elapsed;
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"godwit import failed ({process.ExitCode}):\n{output}");
    }

    File.WriteAllText(Path.Combine(work, $"import-{Path.GetFileNameWithoutExtension(export)}-{database}.log"), output);
    return elapsed;
}
