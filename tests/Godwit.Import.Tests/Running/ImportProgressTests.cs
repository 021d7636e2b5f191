using System.Globalization;
using System.Text;
using Godwit.Core.Passwords.Hashing;
using Godwit.Import.Presets;
using Microsoft.Extensions.Time.Testing;

namespace Godwit.Import.Tests.Running;

/// <summary>What the progress display is fed: the share done in bytes of the export, and this run's rate.</summary>
public sealed class ImportProgressTests
{
    private const int Users = 12_000;

    [Fact]
    public async Task A_one_line_json_array_shows_progress_moving_by_bytes()
    {
        // Minified, as json_agg writes it: one line, so a share counted in lines is 100% from the first report.
        var export = new StringBuilder("[");
        for (var i = 0; i < Users; i++)
        {
            export.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ",")}{{\"id\":\"legacy-{i}\",\"email\":\"user{i}@example.com\"}}");
        }

        var shares = await ImportAsync("export.json", export.Append(']').ToString());

        Assert.True(shares.Count >= 3, $"{shares.Count} reports");
        Assert.InRange(shares[0], 0.3, 0.5);
        Assert.All(shares.Zip(shares.Skip(1)), pair => Assert.True(pair.First < pair.Second, $"{pair.First} then {pair.Second}"));
        // All but the closing bracket or line break.
        Assert.InRange(shares[^1], 0.999, 1.0);
    }

    [Fact]
    public async Task A_csv_export_shows_progress_moving_by_bytes()
    {
        var export = new StringBuilder("id,email\n");
        for (var i = 0; i < Users; i++)
        {
            export.Append(CultureInfo.InvariantCulture, $"legacy-{i},user{i}@example.com\n");
        }

        var shares = await ImportAsync("export.csv", export.ToString());

        Assert.InRange(shares[0], 0.3, 0.5);
        Assert.All(shares.Zip(shares.Skip(1)), pair => Assert.True(pair.First < pair.Second, $"{pair.First} then {pair.Second}"));
        // All but the closing bracket or line break.
        Assert.InRange(shares[^1], 0.999, 1.0);
    }

    [Fact]
    public void The_rate_is_this_runs_rows_over_this_runs_elapsed_time()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        // A resumed run: 4,000 rows were read by the run before.
        var pace = new ImportPace(1_000_000, rowsBefore: 4_000, clock);

        // The first report comes after 10 s with 1,000 rows of this run: they took those 10 s too.
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(100, pace.RowsPerSecond(Done(4_000 + 1_000)));
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(250, pace.RowsPerSecond(Done(4_000 + 10_000)));
    }

    [Fact]
    public void The_share_is_the_bytes_read_over_the_size_and_never_more_than_all()
    {
        var pace = new ImportPace(2_000, rowsBefore: 0);

        Assert.Equal(0.25, pace.Share(new ImportCheckpoint { Input = "x", Line = 1, Position = 500 }));
        Assert.Equal(1.0, pace.Share(new ImportCheckpoint { Input = "x", Line = 1, Position = 5_000 }));
    }

    private static ImportCheckpoint Done(long rows) => new() { Input = "x", Counts = new ImportCounts { Created = rows } };

    /// <summary>Imports the export into a new SQLite database through the Supabase preset, returning the share of each report.</summary>
    private static async Task<List<double>> ImportAsync(string name, string content)
    {
        await using var db = (await ImportDatabase.StartAsync("sqlite"))!;
        var input = Path.Combine(db.Folder, name);
        await File.WriteAllTextAsync(input, content, TestContext.Current.CancellationToken);
        var options = new ImportOptions(input, Path.Combine(db.Folder, "errors.jsonl"), Path.Combine(db.Folder, "results.jsonl"), Path.Combine(db.Folder, "state.json"))
        {
            BatchSize = 5_000,
        };
        var pace = new ImportPace(new FileInfo(input).Length, rowsBefore: 0);
        var shares = new Recorder(pace);
        var (writer, scope) = db.Writer();
        await using (scope)
        {
            var validation = new ImportValidation(new PasswordHashLimits(), TimeProvider.System);
            var result = await new ImportRunner(ExportPresets.Find("supabase")!.Create(PresetOptions.None), validation, writer, options, shares)
                .RunAsync(TestContext.Current.CancellationToken);
            Assert.Equal(Users, result.Counts.Created);
        }

        return shares.Shares;
    }

    private sealed class Recorder(ImportPace pace) : IImportProgress
    {
        public List<double> Shares { get; } = [];

        public void Report(ImportCheckpoint state) => Shares.Add(pace.Share(state));
    }
}
