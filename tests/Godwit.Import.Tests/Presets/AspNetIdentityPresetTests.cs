using Godwit.Core.Passwords.Hashing;
using Godwit.Import.Presets;
using static Godwit.Import.Tests.Samples;

namespace Godwit.Import.Tests.Presets;

public sealed class AspNetIdentityPresetTests
{
    private static Task<List<ImportRow>> ReadSampleAsync(string name) =>
        ReadAllAsync(ExportPresets.Find("aspnet-identity")!.Create(PresetOptions.None), Path(name));

    [Fact]
    public async Task A_csv_row_reads_True_False_and_1_0_flags_and_NULL_as_no_value()
    {
        var rows = await ReadSampleAsync("aspnet-users.csv");

        AssertUser(
            new ImportUser(2, "8e445865-a24d-4543-a6c6-9443d048cdb9", "joan@example.com", true, null, false)
            {
                PasswordHash = new MigratedHashInput("aspnet_identity", "AQAAAAIAAYagAAAAEFKwL0apckkl54Ld4WyAlrs8dURkV7hbPVpp/Tp3RA8o+YcQaJFDlg9e+AsGPAv2qQ=="),
            },
            User(rows[0]));
        AssertUser(
            new ImportUser(3, "c1a2b3d4-e5f6-4789-8abc-def012345678", "rosalind@example.com", false, "+447700900789", true)
            {
                PasswordHash = new MigratedHashInput("aspnet_identity", "AOlwZjrkflwdnbIwkKS3lYLKB0bTJKzKIOOZQAARBR6bBLe0JQD7Ums7q1pQCsUglg=="),
            },
            User(rows[1]));
        AssertUser(new ImportUser(4, "d4c3b2a1-0f9e-4d8c-b7a6-5f4e3d2c1b0a", "ext@example.com", true, null, false), User(rows[2]));
    }

    [Fact]
    public async Task Identity_v3_and_v2_hashes_verify_their_passwords()
    {
        var rows = await ReadSampleAsync("aspnet-users.csv");

        AssertVerifies(User(rows[0]).PasswordHash, "aspnet_identity_v3_default");
        AssertVerifies(User(rows[1]).PasswordHash, "aspnet_identity_v2_utf8");
    }

    [Fact]
    public async Task A_flag_that_is_not_a_boolean_refuses_the_row()
    {
        var rows = await ReadSampleAsync("aspnet-users.csv");

        Assert.Equal(new ImportRow.Refused(5, "e5f6a7b8-c9d0-4e1f-a2b3-c4d5e6f7a8b9", "invalid_record", "EmailConfirmed 'yes' is not true or false."), rows[3]);
    }

    [Fact]
    public async Task A_JSON_array_with_real_booleans_and_nulls_is_read_too()
    {
        var rows = await ReadSampleAsync("aspnet-users.json");

        AssertUser(
            new ImportUser(1, "8e445865-a24d-4543-a6c6-9443d048cdb9", "joan@example.com", true, null, false)
            {
                PasswordHash = new MigratedHashInput("aspnet_identity", "AQAAAAIAAAPoAAAAEI9GUyCwLmLVDQoaMEWvz6bkPLewr95CAkbMXM21vufIiwPL4dJDNnpcLJ3JFSQlWQ=="),
            },
            User(rows[0]));
        AssertUser(new ImportUser(2, "c1a2b3d4-e5f6-4789-8abc-def012345678", "rosalind@example.com", false, "+447700900789", true), User(rows[1]));
        AssertVerifies(User(rows[0]).PasswordHash, "aspnet_identity_v3_iter1000_ascii");
    }
}
