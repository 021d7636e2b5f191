using Godwit.Import.Presets;
using static Godwit.Import.Tests.Samples;

namespace Godwit.Import.Tests.Presets;

public sealed class StytchPresetTests
{
    private static Task<List<ImportRow>> ReadSampleAsync() => ReadAllAsync(ExportPresets.Find("stytch")!.Create(PresetOptions.None), Path("stytch-users.jsonl"));

    [Fact]
    public async Task A_user_keeps_every_email_and_phone_with_their_verified_flags_its_name_and_both_metadata()
    {
        var rows = await ReadSampleAsync();

        AssertUser(
            new ImportUser(1, "user-test-16d9ba61-97a1-4ba4-9720-b03761dc50c6", "sandbox@stytch.com", true, "+12025550162", false)
            {
                FirstName = "Jane",
                LastName = "Doe",
                TrustedMetadata = Json("""{"billing_id":"cus_123"}"""),
                UntrustedMetadata = Json("""{"locale":"en"}"""),
                CreatedAt = Utc("2021-12-08T18:43:04Z"),
                MoreEmails = [new ImportedAddress("second@example.com", false)],
            },
            User(rows[0]));
    }

    [Fact]
    public async Task Empty_lists_and_empty_name_parts_are_no_value()
    {
        var rows = await ReadSampleAsync();

        AssertUser(
            new ImportUser(2, "user-test-2b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e", null, false, "+12025550163", true)
            {
                TrustedMetadata = [],
                UntrustedMetadata = [],
                CreatedAt = Utc("2022-01-01T00:00:00Z"),
            },
            User(rows[1]));
    }

    [Fact]
    public async Task Emails_that_are_not_a_list_of_objects_refuse_the_user()
    {
        var rows = await ReadSampleAsync();

        Assert.Equal(new ImportRow.Refused(3, "user-test-3c0d9e8f-7a6b-4c5d-8e7f-6a5b4c3d2e1f", "invalid_record", "emails is not an array of objects."), rows[2]);
    }
}
