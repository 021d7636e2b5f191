using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Godwit.Core.Passwords.Hashing;
using Godwit.Core.Security;
using Godwit.Core.Sessions;
using Godwit.Core.Totps;
using Godwit.Import.Reading;
using Godwit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Godwit.Import.Tests.Running;

/// <summary>The import pipeline into each database: outcomes, files, idempotence, resuming, concurrency.</summary>
public abstract class ImportRunnerContract
{
    // bcrypt cost 4 of "password", made by htpasswd (tests/vectors/passwords).
    private const string Bcrypt = "$2y$04$LnWD9XwSuMMv.cQKQvjycuDlPsrTJcAp6Y3lJkVhvOwBeaZVv9o8.";

    protected abstract string Provider { get; }

    [Fact]
    public async Task Every_row_becomes_a_user_with_the_attested_verifications_and_a_working_password()
    {
        await using var db = await StartAsync();
        var rows = new[]
        {
            Person(1, "a-1", "Ada@Example.com", verified: true) with { PhoneNumber = "+1 555 010 0001", PhoneVerified = false, FirstName = "Ada", TrustedMetadata = new JsonObject { ["plan"] = "gold" }, PasswordHash = new MigratedHashInput("bcrypt", Bcrypt) },
            Person(2, "a-2", "grace@example.com", verified: false),
        };

        var result = await RunAsync(db, rows);

        Assert.Equal(2, result.Counts.Created);
        var users = await db.UsersAsync();
        var ada = users.Single(u => u.ExternalId == "a-1");
        Assert.Equal(("ada@example.com", true), (ada.Emails[0].Address, ada.Emails[0].Verified));
        Assert.Equal(("+15550100001", false), (ada.Phones[0].Number, ada.Phones[0].Verified));
        Assert.Equal("Ada", ada.FirstName);
        Assert.Equal("""{"plan":"gold"}""", ada.TrustedMetadata);
        Assert.True(StoredPasswordHash.Deserialize(ada.Password!.Hash).Verify("password"));
        Assert.False(users.Single(u => u.ExternalId == "a-2").Emails[0].Verified);
        Assert.Equal(new Dictionary<string, long> { ["bcrypt"] = 1, ["none"] = 1 }, result.HashTypes);
        var results = Lines(db, "results.jsonl");
        Assert.Equal([ada.UserId, users.Single(u => u.ExternalId == "a-2").UserId], results.Select(r => r.GetProperty("user_id").GetString()));
    }

    [Fact]
    public async Task Importing_the_same_rows_again_creates_nothing_and_upsert_updates_instead()
    {
        await using var db = await StartAsync();
        var rows = new[] { Person(1, "b-1", "b1@example.com", verified: false), Person(2, "b-2", "b2@example.com", verified: false) };
        await RunAsync(db, rows);
        File.Delete(Path.Combine(db.Folder, "state.json"));

        var again = await RunAsync(db, rows);
        File.Delete(Path.Combine(db.Folder, "state.json"));
        var changed = rows.Select(r => r with { FirstName = "Changed", EmailVerified = true, LegacyId = r.LegacyId + "-renamed" }).ToArray();
        var upserted = await RunAsync(db, changed, upsert: true);

        Assert.Equal((0L, 2L), (again.Counts.Created, again.Counts.Skipped));
        Assert.Equal((0L, 2L), (upserted.Counts.Created, upserted.Counts.Updated));
        var users = await db.UsersAsync();
        Assert.Equal(2, users.Count);
        Assert.All(users, u => Assert.Equal(("Changed", true), (u.FirstName, u.Emails[0].Verified)));
    }

    [Fact]
    public async Task Refused_rows_and_conflicts_go_to_the_errors_file_and_the_counts_add_up()
    {
        await using var db = await StartAsync();
        var rows = new ImportRow[]
        {
            new ImportRow.Read(Person(1, "c-1", "c1@example.com", verified: true) with { PhoneNumber = "+15550100099" }),
            new ImportRow.Read(Person(2, "c-2", "not an email", verified: true)),
            new ImportRow.Refused(3, "c-3", "invalid_record", "firebase record has a passwordHash but no salt"),
            new ImportRow.Read(Person(4, "c-4", "c4@example.com", verified: true) with { PasswordHash = new MigratedHashInput("bcrypt", Bcrypt[..40]) }),
            new ImportRow.Read(Person(5, "c-5", "c5@example.com", verified: true) with { PhoneNumber = "+15550100099" }),
            new ImportRow.Read(Person(6, "c-6", "C1@example.com", verified: true)),
        };

        var result = await RunAsync(db, rows);

        Assert.Equal((1L, 1L, 4L, 6L), (result.Counts.Created, result.Counts.Skipped, result.Counts.Failed, result.Counts.Read));
        var errors = Lines(db, "errors.jsonl");
        Assert.Equal([2L, 3L, 4L, 5L], errors.Select(e => e.GetProperty("line").GetInt64()));
        Assert.Equal(["invalid_email", "invalid_record", "invalid_bcrypt_hash", "duplicate_phone_number"], errors.Select(e => e.GetProperty("error_type").GetString()));
        Assert.Equal("c-4", errors[2].GetProperty("legacy_id").GetString());
        Assert.Single(await db.UsersAsync());
    }

    [Fact]
    public async Task A_row_repeating_an_earlier_rows_person_is_matched_to_it_and_a_duplicates_other_keys_claim_nobody()
    {
        await using var db = await StartAsync();
        var rows = new[]
        {
            Person(1, "f-1", "f1@example.com", verified: true),
            Person(2, "f-2", "F1@example.com", verified: true),
            Person(3, "f-2", "f3@example.com", verified: true),
        };

        var result = await RunAsync(db, rows);

        Assert.Equal((2L, 1L), (result.Counts.Created, result.Counts.Skipped));
        var users = await db.UsersAsync();
        var first = users.Single(u => u.ExternalId == "f-1");
        var third = users.Single(u => u.ExternalId == "f-2");
        Assert.Equal("f3@example.com", third.Emails.Single().Address);
        var results = Lines(db, "results.jsonl");
        Assert.Equal([first.UserId, first.UserId, third.UserId], results.Select(r => r.GetProperty("user_id").GetString()));
        Assert.Equal(["created", "skipped", "created"], results.Select(r => r.GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task A_resumed_import_continues_after_the_checkpoint_and_rewrites_no_outcome()
    {
        await using var db = await StartAsync();
        var rows = Enumerable.Range(1, 50).Select(i => Person(i, $"d-{i}", $"d{i}@example.com", verified: true)).ToArray();
        var firstTen = rows[..10];
        await RunAsync(db, firstTen, batchSize: 4);

        // As after a crash in the middle of the next batch: rows 11-12 reached the database, but not
        // the checkpoint or the results file.
        var (writer, scope) = db.Writer();
        await using (scope)
        {
            var validation = new ImportValidation(new PasswordHashLimits(), TimeProvider.System);
            await writer.WriteAsync(rows[10..12].Select(r => { validation.Check(r, out var user); return user!; }).ToList(), upsert: false, TestContext.Current.CancellationToken);
        }

        var resumed = await RunAsync(db, rows, batchSize: 4);

        Assert.Equal((48L, 2L, 50L), (resumed.Counts.Created, resumed.Counts.Skipped, resumed.Counts.Read));
        var results = Lines(db, "results.jsonl");
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), results.Select(r => r.GetProperty("line").GetInt64()));
        Assert.Equal(50, (await db.UsersAsync()).Select(u => u.ExternalId).Distinct().Count());
    }

    [Fact]
    public async Task Two_imports_of_one_file_at_the_same_time_create_each_user_once()
    {
        await using var db = await StartAsync();
        var rows = Enumerable.Range(1, 400).Select(i => Person(i, $"e-{i}", $"e{i}@example.com", verified: true)).ToArray();

        var results = await Task.WhenAll(
            Task.Run(() => RunAsync(db, rows, batchSize: 25, name: "first")),
            Task.Run(() => RunAsync(db, rows, batchSize: 25, name: "second")));

        Assert.Equal(400, results.Sum(r => r.Counts.Created));
        Assert.Equal(400, results.Sum(r => r.Counts.Skipped));
        var users = await db.UsersAsync();
        Assert.Equal(400, users.Count);
        Assert.Equal(400, users.Select(u => u.Emails[0].Address).Distinct().Count());
    }

    [Fact]
    public async Task With_import_totp_a_created_users_totp_works_at_once_and_every_other_secret_is_counted_as_dropped()
    {
        await using var db = await StartAsync();
        // RFC 6238's test key, "12345678901234567890", in base32.
        const string Secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
        var rows = new[]
        {
            Person(1, "t-1", "t1@example.com", verified: true) with { Totps = [new ImportedTotp(Secret, ["ABCD-efgh-2345"])] },
            Person(2, "t-2", "t2@example.com", verified: true) with { Totps = [new ImportedTotp("not base32!", [])] },
        };

        var first = await RunAsync(db, rows, importTotps: true);
        File.Delete(Path.Combine(db.Folder, "state.json"));
        var again = await RunAsync(db, rows, importTotps: true);

        Assert.Equal((1L, 1L, 1L, 0L), (first.Counts.Created, first.Counts.Failed, first.Counts.TotpsImported, first.Counts.TotpsDropped));
        Assert.Equal("invalid_totp", Lines(db, "errors.jsonl")[0].GetProperty("error_type").GetString());
        Assert.Equal((1L, 0L, 1L), (again.Counts.Skipped, again.Counts.TotpsImported, again.Counts.TotpsDropped));
        await using var scope = db.Services.CreateAsyncScope();
        var login = scope.ServiceProvider.GetRequiredService<TotpLogin>();
        var code = Rfc6238Code("12345678901234567890"u8.ToArray(), DateTimeOffset.UtcNow);
        var authenticated = await login.AuthenticateAsync("t-1", code, SessionRequest.None, TestContext.Current.CancellationToken);
        var recovered = await login.RecoverAsync("t-1", "abcd-efgh-2345", SessionRequest.None, TestContext.Current.CancellationToken);
        Assert.True(authenticated.Succeeded, authenticated.Error?.ErrorType);
        Assert.True(recovered.Succeeded, recovered.Error?.ErrorType);
    }

    [Fact]
    public async Task A_person_keeps_every_email_and_phone_number_with_its_own_verified_state()
    {
        await using var db = await StartAsync();
        var person = new ImportUser(1, "m-1", "m1@example.com", true, "+12025550100", false)
        {
            // The second spelling of the first email is the same address, kept once.
            MoreEmails = [new ImportedAddress("m1-work@example.com", false), new ImportedAddress("M1@Example.com", false)],
            MorePhoneNumbers = [new ImportedAddress("+1 202 555 0101", true)],
        };

        var run = await RunAsync(db, [person]);
        var user = Assert.Single(await db.UsersAsync());

        Assert.Equal(1L, run.Counts.Created);
        Assert.Equal([("m1-work@example.com", false), ("m1@example.com", true)], user.Emails.Select(e => (e.Address, e.Verified)).Order());
        Assert.Equal([("+12025550100", false), ("+12025550101", true)], user.Phones.Select(p => (p.Number, p.Verified)).Order());
    }

    [Fact]
    public async Task A_totp_not_imported_is_named_in_that_users_results_line()
    {
        await using var db = await StartAsync();
        var rows = new[]
        {
            Person(1, "d-1", "d1@example.com", verified: true) with { Totps = [new ImportedTotp("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", [])] },
            Person(2, "d-2", "d2@example.com", verified: true),
        };

        var run = await RunAsync(db, rows);
        var results = Lines(db, "results.jsonl");

        Assert.Equal((2L, 0L, 1L), (run.Counts.Created, run.Counts.TotpsImported, run.Counts.TotpsDropped));
        Assert.Equal(1, results[0].GetProperty("totps_dropped").GetInt32());
        Assert.False(results[1].TryGetProperty("totps_dropped", out _));
    }

    private async Task<ImportDatabase> StartAsync()
    {
        var db = await ImportDatabase.StartAsync(Provider);
        if (db is null)
        {
            MissingTool.Skip(PostgresCluster.UnavailableReason ?? "PostgreSQL is unavailable.");
        }

        return db;
    }

    private static ImportUser Person(long line, string legacyId, string email, bool verified) => new(line, legacyId, email, verified, null, false);

    private static Task<ImportCheckpoint> RunAsync(ImportDatabase db, IReadOnlyList<ImportUser> rows, bool upsert = false, int batchSize = 1000, string name = "", bool importTotps = false) =>
        RunAsync(db, rows.Select(r => (ImportRow)new ImportRow.Read(r)).ToArray(), upsert, batchSize, name, importTotps);

    private static async Task<ImportCheckpoint> RunAsync(ImportDatabase db, IReadOnlyList<ImportRow> rows, bool upsert = false, int batchSize = 1000, string name = "", bool importTotps = false)
    {
        var input = Path.Combine(db.Folder, $"export{name}.jsonl");
        if (!File.Exists(input))
        {
            await File.WriteAllTextAsync(input, "rows are given by the test preset\n", TestContext.Current.CancellationToken);
        }

        var options = new ImportOptions(input, Path.Combine(db.Folder, $"errors{name}.jsonl"), Path.Combine(db.Folder, $"results{name}.jsonl"), Path.Combine(db.Folder, $"state{name}.json"))
        {
            BatchSize = batchSize,
            Upsert = upsert,
        };
        var (writer, scope) = db.Writer();
        await using (scope)
        {
            var totpKeys = importTotps ? scope.ServiceProvider.GetRequiredService<ProjectKeys>() : null;
            var validation = new ImportValidation(new PasswordHashLimits(), new FakeTimeProvider(DateTimeOffset.UtcNow), totpKeys);
            var runner = new ImportRunner(new ListPreset(rows), validation, writer, options, new NoProgress());
            return await runner.RunAsync(TestContext.Current.CancellationToken);
        }
    }

    /// <summary>RFC 6238 with SHA-1 and six digits, written out here so the test does not check Godwit's TOTP library against itself.</summary>
    private static string Rfc6238Code(byte[] key, DateTimeOffset at)
    {
        var counter = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, at.ToUnixTimeSeconds() / 30);
#pragma warning disable CA5350 // RFC 6238's default, which authenticator apps use.
        var hash = System.Security.Cryptography.HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<JsonElement> Lines(ImportDatabase db, string file) =>
        File.ReadLines(Path.Combine(db.Folder, file)).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();

    /// <summary>Rows given by the test, as if a preset had read them from the file.</summary>
    private sealed class ListPreset(IReadOnlyList<ImportRow> rows) : IExportPreset
    {
        public string Name => "list";

        public async IAsyncEnumerable<ImportRow> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            foreach (var row in rows)
            {
                await Task.Yield();
                yield return row;
            }
        }
    }

    private sealed class NoProgress : IImportProgress
    {
        public void Report(ImportCheckpoint state)
        {
        }
    }
}

public sealed class ImportIntoSqlite : ImportRunnerContract
{
    protected override string Provider => "sqlite";
}

public sealed class ImportIntoPostgres : ImportRunnerContract
{
    protected override string Provider => "postgres";
}
