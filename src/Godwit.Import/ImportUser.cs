using System.Text.Json.Nodes;
using Godwit.Core.Passwords.Hashing;

namespace Godwit.Import;

/// <summary>
/// One exported person, as every preset reads them: the legacy id becomes the Godwit user's
/// external_id, and an address is verified only where the export attests it.
/// </summary>
public sealed record ImportUser(
    long Line,
    string? LegacyId,
    string? Email,
    bool EmailVerified,
    string? PhoneNumber,
    bool PhoneVerified)
{
    public string? FirstName { get; init; }

    public string? MiddleName { get; init; }

    public string? LastName { get; init; }

    public JsonObject? TrustedMetadata { get; init; }

    public JsonObject? UntrustedMetadata { get; init; }

    /// <summary>The legacy password hash in the migrate request's shape, or null for a passwordless user.</summary>
    public MigratedHashInput? PasswordHash { get; init; }

    /// <summary>TOTP secrets the export carries (base32), kept only with --import-totp.</summary>
    public IReadOnlyList<ImportedTotp> Totps { get; init; } = [];

    /// <summary>When the legacy system created the person, if the export says.</summary>
    public DateTime? CreatedAt { get; init; }
}

public sealed record ImportedTotp(string Secret, IReadOnlyList<string> RecoveryCodes);

/// <summary>What a preset makes of one record of the export: a user, or the reason the record was refused.</summary>
public abstract record ImportRow(long Line)
{
    public sealed record Read(ImportUser User) : ImportRow(User.Line);

    /// <summary>A record that cannot become a user; the field names the part of the record at fault.</summary>
    public sealed record Refused(long Line, string? LegacyId, string ErrorType, string Message) : ImportRow(Line);
}

/// <summary>
/// The file is not what the preset expects (not JSON Lines, not a Firebase export...): the import
/// stops at once, naming the line, rather than refusing every row.
/// </summary>
public sealed class ImportFormatException(long line, string message) : Exception($"Line {line}: {message}")
{
    public long Line { get; } = line;
}
