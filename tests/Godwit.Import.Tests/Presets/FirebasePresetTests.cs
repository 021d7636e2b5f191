using Godwit.Core.Passwords.Hashing;
using Godwit.Import.Presets;
using static Godwit.Import.Tests.Samples;

namespace Godwit.Import.Tests.Presets;

public sealed class FirebasePresetTests
{
    // The firebase/scrypt README's public example project parameters (also vectors.jsonl, firebase_scrypt_readme_example).
    private const string SignerKey = "jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==";

    private static readonly Dictionary<string, string> Options = new()
    {
        ["firebase-signer-key"] = SignerKey,
        ["firebase-salt-separator"] = "Bw==",
        ["firebase-rounds"] = "8",
        ["firebase-mem-cost"] = "14",
    };

    private static Task<List<ImportRow>> ReadSampleAsync() =>
        ReadAllAsync(ExportPresets.Find("firebase")!.Create(new PresetOptions(Options)), Path("firebase-users.json"));

    [Fact]
    public async Task A_password_user_gets_the_firebase_scrypt_hash_with_its_salt_and_the_project_parameters()
    {
        var rows = await ReadSampleAsync();

        AssertUser(
            new ImportUser(1, "Ht5XQKQG3lbE0rFJnbfpE1xMhNt2", "user1@example.com", true, null, false)
            {
                FirstName = "Ada",
                LastName = "King Lovelace",
                TrustedMetadata = Json("""{"admin":true,"tier":2}"""),
                CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(1634567890123).UtcDateTime,
                PasswordHash = new MigratedHashInput("firebase_scrypt", "lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==")
                {
                    FirebaseScryptConfig = new FirebaseScryptConfig("42xEC+ixf3L2lw==", "Bw==", SignerKey, 8, 14),
                },
            },
            User(rows[0]));
        AssertVerifies(User(rows[0]).PasswordHash, "firebase_scrypt_readme_example");
    }

    [Fact]
    public async Task A_phone_user_is_imported_with_the_number_unverified_since_the_export_attests_nothing()
    {
        var rows = await ReadSampleAsync();

        AssertUser(
            new ImportUser(2, "Yq2uB0xkE1Q3cTzN7p9mWvR4aS82", null, false, "+15555550100", false)
            {
                CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(1600000000000).UtcDateTime,
            },
            User(rows[1]));
    }

    [Fact]
    public async Task A_one_word_display_name_is_a_first_name_and_a_federated_user_has_no_password()
    {
        var rows = await ReadSampleAsync();

        AssertUser(
            new ImportUser(3, "Gg7zL4pA0fK9sD2hJ5kQ1wE8rT63", "google@example.com", true, null, false)
            {
                FirstName = "Cher",
                CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(1610000000000).UtcDateTime,
            },
            User(rows[2]));
    }

    [Fact]
    public async Task A_hash_without_its_salt_and_a_disabled_user_are_refused_by_record_number()
    {
        var rows = await ReadSampleAsync();

        Assert.Equal(
            new ImportRow.Refused(4, "Nn1sX5aB7cD9eF2gH4iJ6kL8mN04", "invalid_record", "passwordHash is set but salt is missing; Firebase hashes cannot be checked without the user's salt."),
            rows[3]);
        Assert.Equal(new ImportRow.Refused(5, "Dd3sX5aB7cD9eF2gH4iJ6kL8mN05", "disabled_user", "the user is disabled in Firebase."), rows[4]);
        Assert.Equal(5, rows.Count);
    }

    [Fact]
    public async Task Custom_claims_that_are_not_a_JSON_object_refuse_the_user()
    {
        using var export = new TempFile("""{"users":[{"localId":"x","email":"x@example.com","customAttributes":"[1,2]"}]}""", ".json");

        var row = Assert.Single(await ReadAllAsync(ExportPresets.Find("firebase")!.Create(new PresetOptions(Options)), export.Path));

        Assert.Equal(new ImportRow.Refused(1, "x", "invalid_record", "customAttributes is not a JSON object."), row);
    }

    [Fact]
    public async Task A_file_that_is_not_a_firebase_export_stops_the_import()
    {
        var preset = ExportPresets.Find("firebase")!.Create(new PresetOptions(Options));

        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ReadAllAsync(preset, Path("cognito-users.json")));

        Assert.Contains("no \"users\" property", error.Message, StringComparison.Ordinal);
    }
}
