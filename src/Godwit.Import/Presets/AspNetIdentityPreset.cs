using System.Runtime.CompilerServices;
using Godwit.Core.Passwords.Hashing;
using Godwit.Import.Reading;

namespace Godwit.Import.Presets;

/// <summary>
/// Rows of ASP.NET Core Identity's <c>AspNetUsers</c> table as CSV, JSON Lines or a JSON array.
/// Passwords are Identity's own PBKDF2 blobs (V2 and V3), which Godwit verifies as they are.
/// </summary>
internal sealed class AspNetIdentityPreset : IExportPreset
{
    public static PresetDefinition Definition { get; } = new(
        "aspnet-identity",
        "ASP.NET Core Identity AspNetUsers rows as CSV, JSON Lines or a JSON array; Identity V2/V3 password hashes.",
        [],
        _ => new AspNetIdentityPreset());

    // SQL Server Management Studio's "Save Results As" writes NULL for a null column.
    private static readonly string[] NullTexts = ["NULL"];

    public string Name => Definition.Name;

    public async IAsyncEnumerable<ImportRow> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in ExportFile.ReadAnyAsync(path, cancellationToken))
        {
            yield return Map(record);
        }
    }

    private static ImportRow Map(ExportRecord record)
    {
        var fields = new FieldReader(record) { NullTexts = NullTexts };
        return fields.Finish(new ImportUser(
            record.Line,
            fields.Required("Id"),
            fields.Text("Email"),
            fields.Flag("EmailConfirmed"),
            fields.Text("PhoneNumber"),
            fields.Flag("PhoneNumberConfirmed"))
        {
            PasswordHash = fields.Text("PasswordHash") is { } hash ? new MigratedHashInput(HashTypes.AspNetIdentity, hash) : null,
        });
    }
}
