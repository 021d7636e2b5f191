using Godwit.Core.Passwords.Hashing;
using Godwit.Import.Presets;
using static Godwit.Import.Tests.Samples;

namespace Godwit.Import.Tests.Presets;

public sealed class SupabasePresetTests
{
    private static Task<List<ImportRow>> ReadSampleAsync(string name) => ReadAllAsync(ExportPresets.Find("supabase")!.Create(PresetOptions.None), Path(name));

    private static ImportUser Alan(long line) => new(line, "5b7c1f0e-3a4d-4e8b-9c2a-1d6f0e3b7a91", "alan@example.com", true, null, false)
    {
        UntrustedMetadata = Json("""{"full_name":"Alan Turing","avatar_url":"https://example.com/a.png"}"""),
        TrustedMetadata = Json("""{"provider":"email","providers":["email"]}"""),
        CreatedAt = Utc("2024-01-15T10:19:00.5Z"),
        PasswordHash = new MigratedHashInput("bcrypt", "$2a$04$lmeoMOpV84b2nIyLqZFRhOhNjbMb7a/slgjhvozOQFeN5Cqr959r6"),
    };

    private static ImportUser PhoneUser(long line) => new(line, "0f2e4d6c-8b0a-4c1e-9f3d-5a7b9c1d3e5f", null, false, "+447700900456", true)
    {
        UntrustedMetadata = [],
        TrustedMetadata = Json("""{"provider":"phone","providers":["phone"]}"""),
        CreatedAt = Utc("2024-03-01T12:00:00Z"),
    };

    [Fact]
    public async Task A_csv_row_maps_confirmation_times_to_verified_flags_metadata_text_to_objects_and_the_bcrypt_hash()
    {
        var rows = await ReadSampleAsync("supabase-users.csv");

        AssertUser(Alan(2), User(rows[0]));
        AssertUser(PhoneUser(3), User(rows[1]));
        AssertVerifies(User(rows[0]).PasswordHash, "bcrypt_2a_cost4_hashwasm");
    }

    [Fact]
    public async Task An_unconfirmed_email_stays_unverified_and_a_phone_already_with_a_plus_is_kept()
    {
        var rows = await ReadSampleAsync("supabase-users.csv");

        AssertUser(
            new ImportUser(4, "9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d", "joan@example.com", false, "+33612345678", false)
            {
                UntrustedMetadata = [],
                TrustedMetadata = Json("""{"provider":"email","providers":["email"]}"""),
                CreatedAt = Utc("2024-04-01T09:00:00Z"),
                PasswordHash = new MigratedHashInput("bcrypt", "$2a$05$mH0.JDwyY0KR0/pFpwXlVuoWrpjtIJmT0OP5DhuoS79m7K8WYiL5u"),
            },
            User(rows[2]));
        AssertVerifies(User(rows[2]).PasswordHash, "bcrypt_2a_cost5_python_utf8");
    }

    [Fact]
    public async Task Metadata_that_is_not_JSON_refuses_the_row_naming_the_column()
    {
        var rows = await ReadSampleAsync("supabase-users.csv");

        var refused = Assert.IsType<ImportRow.Refused>(rows[3]);
        Assert.Equal((5L, "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e", "invalid_record"), (refused.Line, refused.LegacyId, refused.ErrorType));
        Assert.StartsWith("raw_user_meta_data is not valid JSON", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JSON_lines_rows_with_jsonb_objects_map_the_same_as_csv()
    {
        var rows = await ReadSampleAsync("supabase-users.jsonl");

        AssertUser(Alan(1), User(rows[0]));
        AssertUser(PhoneUser(2), User(rows[1]));
    }
}
