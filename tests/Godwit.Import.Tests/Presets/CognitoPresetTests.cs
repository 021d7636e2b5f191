using Godwit.Import.Presets;
using static Godwit.Import.Tests.Samples;

namespace Godwit.Import.Tests.Presets;

public sealed class CognitoPresetTests
{
    private static Task<List<ImportRow>> ReadSampleAsync(string name) => ReadAllAsync(ExportPresets.Find("cognito")!.Create(PresetOptions.None), Path(name));

    [Fact]
    public async Task A_list_users_entry_maps_its_attributes_with_sub_as_the_legacy_id_and_custom_attributes_as_trusted_metadata()
    {
        var rows = await ReadSampleAsync("cognito-users.json");

        AssertUser(
            new ImportUser(1, "7b2f1c7e-0a1b-4c3d-9e8f-1234567890ab", "mary@example.com", true, "+447700900123", false)
            {
                FirstName = "Mary",
                MiddleName = "Winston",
                LastName = "Jackson",
                TrustedMetadata = Json("""{"plan":"enterprise","tenant_id":"t-42"}"""),
                CreatedAt = Utc("2023-04-05T06:07:08.123Z"),
            },
            User(rows[0]));
    }

    [Fact]
    public async Task Without_sub_the_username_is_the_legacy_id_and_a_unix_creation_date_and_a_full_name_are_read()
    {
        var rows = await ReadSampleAsync("cognito-users.json");

        AssertUser(
            new ImportUser(2, "katherine", "katherine@example.com", false, null, false)
            {
                FirstName = "Katherine",
                LastName = "Coleman Johnson",
                CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(1680674828500).UtcDateTime,
            },
            User(rows[1]));
    }

    [Fact]
    public async Task A_disabled_user_is_refused_rather_than_re_enabled()
    {
        var rows = await ReadSampleAsync("cognito-users.json");

        Assert.Equal(new ImportRow.Refused(3, "0c9d8e7f-6a5b-4c3d-2e1f-0a9b8c7d6e5f", "disabled_user", "the user is disabled in Cognito."), rows[2]);
        Assert.Equal(3, rows.Count);
    }

    [Fact]
    public async Task The_import_csv_maps_the_same_attributes_with_cognito_username_as_the_legacy_id()
    {
        var rows = await ReadSampleAsync("cognito-users.csv");

        Assert.Equal(2, rows.Count);
        AssertUser(
            new ImportUser(2, "mary", "mary@example.com", true, "+447700900123", false)
            {
                FirstName = "Mary",
                MiddleName = "Winston",
                LastName = "Jackson",
                TrustedMetadata = Json("""{"plan":"enterprise"}"""),
            },
            User(rows[0]));
        AssertUser(
            new ImportUser(4, "katherine", "katherine@example.com", false, null, false) { FirstName = "Katherine", LastName = "Coleman Johnson" },
            User(rows[1]));
    }

    [Fact]
    public async Task Attributes_without_names_and_verified_flags_that_are_not_booleans_refuse_the_user()
    {
        using var export = new TempFile("""
            {"Users": [
              {"Username": "a", "Attributes": [{"Value": "x"}], "Enabled": true},
              {"Username": "b", "Attributes": [{"Name": "email", "Value": "b@example.com"}, {"Name": "email_verified", "Value": "yes"}]}
            ]}
            """, ".json");

        var rows = await ReadAllAsync(ExportPresets.Find("cognito")!.Create(PresetOptions.None), export.Path);

        Assert.Equal(new ImportRow.Refused(1, "a", "invalid_record", "Attributes has an entry without a Name."), rows[0]);
        Assert.Equal(new ImportRow.Refused(2, "b", "invalid_record", "email_verified 'yes' is not true or false."), rows[1]);
    }
}
