namespace Godwit.Core.Security;

/// <summary>The stored columns that hold sealed secrets.</summary>
public enum SealedColumn
{
    /// <summary><c>signing_keys.encrypted_private_key</c>, sealed without associated data.</summary>
    SigningKeys,

    /// <summary><c>user_totps.encrypted_secret</c>, sealed with the TOTP id.</summary>
    TotpSecrets,

    /// <summary><c>totp_recovery_codes.encrypted_code</c>, sealed with the recovery code id.</summary>
    TotpRecoveryCodes,
}

/// <summary>A sealed value as stored, with the id of its row.</summary>
public sealed record StoredSeal(string RowId, byte[] Sealed);

/// <summary>A value to write over <paramref name="Read"/>, unless the row has changed since it was read.</summary>
public sealed record SealReplacement(string RowId, byte[] Read, byte[] Replacement);

/// <summary>Every sealed value in the database, for moving them to the newest encryption key.</summary>
public interface ISealedSecretStore
{
    /// <summary>Up to <paramref name="pageSize"/> values of rows whose id comes after <paramref name="afterRowId"/>, in id order.</summary>
    Task<IReadOnlyList<StoredSeal>> ReadPageAsync(SealedColumn column, string? afterRowId, int pageSize, CancellationToken cancellationToken);

    /// <summary>
    /// Writes each replacement, in one transaction, only where the column still holds the value
    /// read (a row changed or deleted meanwhile is left alone); returns how many were written.
    /// </summary>
    Task<int> ReplaceAsync(SealedColumn column, IReadOnlyList<SealReplacement> replacements, CancellationToken cancellationToken);
}
