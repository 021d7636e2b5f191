using Godwit.Core.Passwords.Hashing;
using Godwit.Import.Presets;
using static Godwit.Import.Tests.Samples;

namespace Godwit.Import.Tests.Presets;

public sealed class Auth0PresetTests
{
    private static Task<List<ImportRow>> ReadSampleAsync() => ReadAllAsync(
        ExportPresets.Find("auth0")!.Create(new PresetOptions(new Dictionary<string, string> { ["hashes"] = Path("auth0-hashes.jsonl") })),
        Path("auth0-users.jsonl"));

    [Fact]
    public async Task A_database_user_gets_profile_metadata_and_the_hash_and_totp_joined_by_the_oid_in_its_id()
    {
        var rows = await ReadSampleAsync();

        AssertUser(
            new ImportUser(1, "auth0|60425da93519d90068f82966", "ada@example.com", true, null, false)
            {
                FirstName = "Ada",
                LastName = "Lovelace",
                UntrustedMetadata = Json("""{"theme":"dark"}"""),
                TrustedMetadata = Json("""{"plan":"pro","roles":["admin"]}"""),
                CreatedAt = Utc("2021-03-05T16:33:45.123Z"),
                PasswordHash = new MigratedHashInput("bcrypt", "$2b$04$Qn.104hQ3YLjYEhbcLElzu1lcdeTZIjtoG58Cqyeitj0nCA8OzwQ."),
                Totps = [new ImportedTotp("JBSWY3DPEHPK3PXP", [])],
            },
            User(rows[0]));
    }

    [Fact]
    public async Task A_database_user_whose_id_is_not_the_oid_is_joined_by_email_in_any_case_and_a_name_that_is_the_email_is_no_name()
    {
        var rows = await ReadSampleAsync();

        AssertUser(
            new ImportUser(2, "auth0|custom-42", "Grace@Example.com", false, null, false)
            {
                CreatedAt = Utc("2022-07-01T08:00:00Z"),
                PasswordHash = new MigratedHashInput("bcrypt", "$2b$05$5MsVoFg/FY6wJMWzParV.OI2m/9WimrTNiJNfPdhr0Lzjcb0T9Pre"),
            },
            User(rows[1]));
    }

    [Fact]
    public async Task A_social_user_never_takes_the_password_of_a_database_account_with_the_same_email()
    {
        var rows = await ReadSampleAsync();

        AssertUser(
            new ImportUser(3, "google-oauth2|103547991597142817347", "linus@example.com", true, null, false)
            {
                FirstName = "Linus",
                LastName = "Benedict Torvalds",
                CreatedAt = Utc("2020-01-02T03:04:05Z"),
            },
            User(rows[2]));
    }

    [Fact]
    public async Task A_passwordless_sms_user_keeps_its_verified_phone_and_blank_lines_are_skipped()
    {
        var rows = await ReadSampleAsync();

        AssertUser(
            new ImportUser(5, "sms|5f0c8a9b1c2d3e4f5a6b7c8d", null, false, "+14155550123", true) { CreatedAt = Utc("2023-01-01T00:00:00Z") },
            User(rows[3]));
    }

    [Fact]
    public async Task A_record_without_user_id_is_refused_and_reading_goes_on()
    {
        var rows = await ReadSampleAsync();

        Assert.Equal(new ImportRow.Refused(6, null, "invalid_record", "user_id is missing."), rows[4]);
        Assert.Equal(6, rows.Count);
    }

    [Fact]
    public async Task Two_hash_records_for_one_email_refuse_the_user_rather_than_guess()
    {
        var rows = await ReadSampleAsync();

        var refused = Assert.IsType<ImportRow.Refused>(rows[5]);
        Assert.Equal((7L, "auth0|dup", "ambiguous_password_hash"), (refused.Line, refused.LegacyId, refused.ErrorType));
        Assert.Contains("email dup@example.com (line 5 and later)", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_joined_hashes_verify_their_passwords()
    {
        var rows = await ReadSampleAsync();

        AssertVerifies(User(rows[0]).PasswordHash, "bcrypt_2b_cost4_python");
        AssertVerifies(User(rows[1]).PasswordHash, "bcrypt_2b_cost5_bcryptjs");
    }

    [Fact]
    public async Task Without_the_hashes_option_every_user_is_passwordless_and_a_bad_date_is_the_first_problem_left()
    {
        var rows = await ReadAllAsync(ExportPresets.Find("auth0")!.Create(PresetOptions.None), Path("auth0-users.jsonl"));

        Assert.All(rows.OfType<ImportRow.Read>(), row => Assert.Null(row.User.PasswordHash));
        Assert.Equal(4, rows.OfType<ImportRow.Read>().Count());
        Assert.Equal(new ImportRow.Refused(7, "auth0|dup", "invalid_record", "created_at 'yesterday' is not a date and time."), rows[5]);
    }

    [Fact]
    public async Task A_malformed_hashes_file_stops_the_import_naming_that_file_and_line()
    {
        using var hashes = new TempFile("{\"_id\":{\"$oid\":\"a\"},\"passwordHash\":\"x\"}\n{\"_id\":\n", ".jsonl");
        var preset = ExportPresets.Find("auth0")!.Create(new PresetOptions(new Dictionary<string, string> { ["hashes"] = hashes.Path }));

        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ReadAllAsync(preset, Path("auth0-users.jsonl")));

        Assert.Equal(2, error.Line);
        Assert.StartsWith($"Line 2: in the hashes file {System.IO.Path.GetFileName(hashes.Path)}: is not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_extension_s_JSON_array_is_read_too()
    {
        using var export = new TempFile("""[{"user_id":"auth0|60425da93519d90068f82966","email":"ada@example.com","email_verified":true}]""", ".json");
        var preset = ExportPresets.Find("auth0")!.Create(new PresetOptions(new Dictionary<string, string> { ["hashes"] = Path("auth0-hashes.jsonl") }));

        var user = User(Assert.Single(await ReadAllAsync(preset, export.Path)));

        Assert.Equal(1, user.Line);
        AssertVerifies(user.PasswordHash, "bcrypt_2b_cost4_python");
    }
}
