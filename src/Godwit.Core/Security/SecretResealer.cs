using System.Security.Cryptography;
using Godwit.Core.Totps;

namespace Godwit.Core.Security;

/// <summary>
/// Moves every sealed secret to the newest encryption key (<c>godwit keys reseal</c>), so older keys
/// and the project secret's derived key can then leave the configuration. Each value names its key,
/// so a run can stop anywhere and the next one resumes: values already under the newest key are
/// left as they are, and a value is replaced only if nobody changed it since it was read.
/// </summary>
public sealed class SecretResealer(ISealedSecretStore store, ProjectKeys keys)
{
    /// <summary>Values per read and per transaction: small enough not to hold a SQLite writer long.</summary>
    private const int PageSize = 500;

    public async Task<ResealCounts> ResealAsync(SealedColumn column, CancellationToken cancellationToken)
    {
        var ring = keys.Encryption;
        var purpose = column == SealedColumn.SigningKeys ? SealPurpose.SigningKey : SealPurpose.Totp;
        var counts = new ResealCounts();
        string? after = null;
        while (await store.ReadPageAsync(column, after, PageSize, cancellationToken) is { Count: > 0 } page)
        {
            var replacements = new List<SealReplacement>();
            foreach (var value in page)
            {
                // The same associated data the value was sealed with, or it would not open.
                var associatedData = column == SealedColumn.SigningKeys ? [] : TotpSecrets.AssociatedData(value.RowId);
                var opened = ring.Open(purpose, value.Sealed, associatedData);
                if (opened is null)
                {
                    counts.Unopenable++;
                }
                else if (opened.KeyId == ring.NewestId)
                {
                    counts.AlreadyNewest++;
                }
                else
                {
                    replacements.Add(new SealReplacement(value.RowId, value.Sealed, ring.Seal(purpose, opened.Plaintext, associatedData)));
                }

                if (opened is not null)
                {
                    CryptographicOperations.ZeroMemory(opened.Plaintext);
                }
            }

            if (replacements.Count > 0)
            {
                var written = await store.ReplaceAsync(column, replacements, cancellationToken);
                counts.Resealed += written;
                counts.ChangedMeanwhile += replacements.Count - written;
            }

            after = page[^1].RowId;
        }

        return counts;
    }
}

/// <summary>What a reseal found in one column.</summary>
public sealed class ResealCounts
{
    /// <summary>Sealed under an older key and now under the newest.</summary>
    public int Resealed { get; set; }

    public int AlreadyNewest { get; set; }

    /// <summary>Sealed under no configured key (nor the project secret's): left as they are, and unusable.</summary>
    public int Unopenable { get; set; }

    /// <summary>Changed or deleted by someone else between the read and the write; a second run looks again.</summary>
    public int ChangedMeanwhile { get; set; }
}
