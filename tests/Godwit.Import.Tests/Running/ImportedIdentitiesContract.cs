using System.Runtime.CompilerServices;
using System.Text.Json;
using Godwit.Core.Passwords.Hashing;
using Godwit.Import.Presets;
using Godwit.Import.Reading;
using Godwit.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Godwit.Import.Tests.Running;

/// <summary>
/// Each preset's sample export with linked social accounts, imported into each database: the accounts
/// become OAuth registrations in Stytch's spelling, one account never lands on two users, and
/// importing again links nothing twice.
/// </summary>
public abstract class ImportedIdentitiesContract
{
    protected abstract string Provider { get; }

    private static readonly Dictionary<string, string> FirebaseOptions = new()
    {
        ["firebase-signer-key"] = "jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==",
        ["firebase-rounds"] = "8",
        ["firebase-mem-cost"] = "14",
    };

    public static TheoryData<string, string, string, string> Exports => new()
    {
        // preset, sample, expected accounts by legacy id, expected refusals by legacy id
        { "auth0", "auth0-social.jsonl",
            "google-oauth2|103547991597142817347: Github=5831 Google=103547991597142817347; windowslive|4e1f2a: Apple=001234.abcd.0042 Microsoft=4e1f2a acme-oidc=acme-77; email|5f0c8a: ",
            "facebook|10158: invalid_provider_subject; discord|80351: invalid_record" },
        { "firebase", "firebase-social.json",
            "Gg7zL4pA0fK9sD2hJ5kQ1wE8rT63: Github=4242 Google=109876543210; Ap1zL4pA0fK9sD2hJ5kQ1wE8rT64: Apple=001122.aabb.3344 Facebook=10101 Microsoft=00000000-0000-0000-aaaa-bbbbccccdddd acme=acme-1",
            "Bd1zL4pA0fK9sD2hJ5kQ1wE8rT65: invalid_provider_subject" },
        { "supabase", "supabase-social.jsonl",
            "7d1c1f0e-3a4d-4e8b-9c2a-1d6f0e3b7a91: Google=117234567890123456789 Microsoft=aad-ada-1; 8e2c1f0e-3a4d-4e8b-9c2a-1d6f0e3b7a92: Github=98765", "" },
        { "supabase", "supabase-social.csv", "9f3c1f0e-3a4d-4e8b-9c2a-1d6f0e3b7a93: Discord=80351110224678912", "" },
        { "cognito", "cognito-social.json",
            "5c1f0e3a-4d4e-8b9c-2a1d-6f0e3b7a9101: AcmeOidc=acme-9 Apple=000111.apple.222 Google=109876543210; 6d2f0e3a-4d4e-8b9c-2a1d-6f0e3b7a9102: Facebook=10158000; 7e3f0e3a-4d4e-8b9c-2a1d-6f0e3b7a9103: ", "" },
        { "generic", "generic-social.csv", "g-1: Github=583231 Google=1098765; g-2: acme-sso=acme-2; g-3: ", "" },
        { "stytch", "stytch-social.jsonl", "user-test-11111111-1111-4111-8111-111111111111: Google=1122334455", "" },
    };

    [Theory]
    [MemberData(nameof(Exports))]
    public async Task A_presets_linked_accounts_become_the_users_oauth_registrations(string preset, string sample, string accounts, string refusals)
    {
        await using var db = await StartAsync();

        var run = await RunAsync(db, Preset(preset), Samples.Path(sample));

        var users = await db.UsersAsync();
        Assert.Equal(Parse(accounts), users.ToDictionary(u => u.ExternalId!, Accounts));
        Assert.Equal(Parse(refusals), Lines(db, "errors.jsonl").ToDictionary(e => e.GetProperty("legacy_id").GetString()!, e => e.GetProperty("error_type").GetString()!));
        Assert.Equal(users.Sum(u => u.OAuthRegistrations.Count), run.Counts.IdentitiesLinked);
        Assert.All(users.SelectMany(u => u.OAuthRegistrations), r => Assert.StartsWith("oauth-user-registration-live-", r.OAuthRegistrationId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_account_another_user_holds_refuses_only_that_persons_row()
    {
        await using var db = await StartAsync();
        var holder = new ImportUser(1, "holder", "holder@example.com", true, null, false)
        {
            OAuthIdentities = [new ImportedOAuthIdentity("google", "103547991597142817347")],
        };
        await RunAsync(db, new ListPreset([new ImportRow.Read(holder)]), Path.Combine(db.Folder, "holder.jsonl"), name: "-holder");

        await RunAsync(db, Preset("auth0"), Samples.Path("auth0-social.jsonl"));

        var errors = Lines(db, "errors.jsonl");
        var taken = errors.Single(e => e.GetProperty("legacy_id").GetString() == "google-oauth2|103547991597142817347");
        Assert.Equal("duplicate_oauth_registration", taken.GetProperty("error_type").GetString());
        var users = await db.UsersAsync();
        Assert.Equal("Google=103547991597142817347", Accounts(users.Single(u => u.ExternalId == "holder")));
        Assert.DoesNotContain(users, u => u.ExternalId == "google-oauth2|103547991597142817347");
        Assert.Contains(users, u => u.ExternalId == "windowslive|4e1f2a");
    }

    [Fact]
    public async Task Importing_again_links_nothing_twice_and_upsert_adds_only_what_is_missing()
    {
        await using var db = await StartAsync();
        var export = Samples.Path("generic-social.csv");
        var initial = await RunAsync(db, Preset("generic"), export);
        var first = (await db.UsersAsync()).ToDictionary(u => u.ExternalId!, Accounts);

        // Resumed from its checkpoint, then from scratch, then as an upsert.
        var resumed = await RunAsync(db, Preset("generic"), export);
        File.Delete(Path.Combine(db.Folder, "state.json"));
        var again = await RunAsync(db, Preset("generic"), export);
        File.Delete(Path.Combine(db.Folder, "state.json"));
        var upserted = await RunAsync(db, Preset("generic"), export, upsert: true);

        Assert.Equal(initial.Counts, resumed.Counts);
        Assert.Equal(3L, initial.Counts.IdentitiesLinked);
        Assert.Equal((0L, 3L, 0L), (again.Counts.Created, again.Counts.Skipped, again.Counts.IdentitiesLinked));
        Assert.Equal(3L, upserted.Counts.Updated);
        Assert.Equal(first, (await db.UsersAsync()).ToDictionary(u => u.ExternalId!, Accounts));
    }

    private static string Accounts(Core.Users.User user) =>
        string.Join(' ', user.OAuthRegistrations.Select(r => $"{r.ProviderType}={r.ProviderSubject}").Order(StringComparer.Ordinal));

    private static Dictionary<string, string> Parse(string expected) =>
        expected.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(entry => entry.Split(": ", 2))
            .ToDictionary(parts => parts[0].TrimEnd(':'), parts => parts.Length > 1 ? parts[1].Trim() : "");

    private static IExportPreset Preset(string name) => ExportPresets.Find(name)!.Create(new PresetOptions(name switch
    {
        "firebase" => FirebaseOptions,
        "generic" => new Dictionary<string, string> { ["mapping"] = Samples.Path("generic-social-mapping.json") },
        _ => [],
    }));

    private async Task<ImportDatabase> StartAsync()
    {
        var db = await ImportDatabase.StartAsync(Provider);
        if (db is null)
        {
            MissingTool.Skip(PostgresCluster.UnavailableReason ?? "PostgreSQL is unavailable.");
        }

        return db;
    }

    private static async Task<ImportCheckpoint> RunAsync(ImportDatabase db, IExportPreset preset, string input, bool upsert = false, string name = "")
    {
        if (!File.Exists(input))
        {
            await File.WriteAllTextAsync(input, "rows are given by the test preset\n", TestContext.Current.CancellationToken);
        }

        var options = new ImportOptions(input, Path.Combine(db.Folder, $"errors{name}.jsonl"), Path.Combine(db.Folder, $"results{name}.jsonl"), Path.Combine(db.Folder, $"state{name}.json"))
        {
            Upsert = upsert,
        };
        var (writer, scope) = db.Writer();
        await using (scope)
        {
            var validation = new ImportValidation(new PasswordHashLimits(), new FakeTimeProvider(DateTimeOffset.UtcNow));
            return await new ImportRunner(preset, validation, writer, options, new NoProgress()).RunAsync(TestContext.Current.CancellationToken);
        }
    }

    private static List<JsonElement> Lines(ImportDatabase db, string file) =>
        File.ReadLines(Path.Combine(db.Folder, file)).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();

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

public sealed class ImportedIdentitiesIntoSqlite : ImportedIdentitiesContract
{
    protected override string Provider => "sqlite";
}

public sealed class ImportedIdentitiesIntoPostgres : ImportedIdentitiesContract
{
    protected override string Provider => "postgres";
}
