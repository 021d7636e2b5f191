using Godwit.Core.Security;
using Godwit.Core.Totps;
using Microsoft.EntityFrameworkCore;

namespace Godwit.Storage.Security;

internal sealed class EfSealedSecretStore(GodwitDbContext db) : ISealedSecretStore
{
    // Keyset pages: the database both orders and compares ids with its own collation, so no row
    // is skipped or read twice whatever that collation is.
    public async Task<IReadOnlyList<StoredSeal>> ReadPageAsync(SealedColumn column, string? afterRowId, int pageSize, CancellationToken cancellationToken)
    {
        var after = afterRowId ?? "";
        return column switch
        {
            SealedColumn.SigningKeys => await db.SigningKeys.AsNoTracking()
                .Where(k => string.Compare(k.Kid, after) > 0).OrderBy(k => k.Kid).Take(pageSize)
                .Select(k => new StoredSeal(k.Kid, k.EncryptedPrivateKey)).ToListAsync(cancellationToken),
            SealedColumn.TotpSecrets => await db.Set<UserTotp>().AsNoTracking()
                .Where(t => string.Compare(t.TotpId, after) > 0).OrderBy(t => t.TotpId).Take(pageSize)
                .Select(t => new StoredSeal(t.TotpId, t.EncryptedSecret)).ToListAsync(cancellationToken),
            SealedColumn.TotpRecoveryCodes => await db.Set<TotpRecoveryCode>().AsNoTracking()
                .Where(c => string.Compare(c.RecoveryCodeId, after) > 0).OrderBy(c => c.RecoveryCodeId).Take(pageSize)
                .Select(c => new StoredSeal(c.RecoveryCodeId, c.EncryptedCode)).ToListAsync(cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(column)),
        };
    }

    public async Task<int> ReplaceAsync(SealedColumn column, IReadOnlyList<SealReplacement> replacements, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var written = 0;
        foreach (var (rowId, read, replacement) in replacements)
        {
            // The comparison with the value read makes each write conditional: a TOTP deleted or
            // re-enrolled meanwhile, or a value another run already moved, is left alone.
            written += column switch
            {
                SealedColumn.SigningKeys => await db.SigningKeys
                    .Where(k => k.Kid == rowId && k.EncryptedPrivateKey == read)
                    .ExecuteUpdateAsync(set => set.SetProperty(k => k.EncryptedPrivateKey, replacement), cancellationToken),
                SealedColumn.TotpSecrets => await db.Set<UserTotp>()
                    .Where(t => t.TotpId == rowId && t.EncryptedSecret == read)
                    .ExecuteUpdateAsync(set => set.SetProperty(t => t.EncryptedSecret, replacement), cancellationToken),
                SealedColumn.TotpRecoveryCodes => await db.Set<TotpRecoveryCode>()
                    .Where(c => c.RecoveryCodeId == rowId && c.EncryptedCode == read)
                    .ExecuteUpdateAsync(set => set.SetProperty(c => c.EncryptedCode, replacement), cancellationToken),
                _ => throw new ArgumentOutOfRangeException(nameof(column)),
            };
        }

        await transaction.CommitAsync(cancellationToken);
        return written;
    }
}
