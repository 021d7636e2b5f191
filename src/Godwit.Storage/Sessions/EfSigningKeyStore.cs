using Godwit.Core.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Godwit.Storage.Sessions;

internal sealed class EfSigningKeyStore(GodwitDbContext db) : ISigningKeyStore
{
    public async Task<IReadOnlyList<SigningKey>> ListAsync(CancellationToken cancellationToken) =>
        await db.SigningKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ToListAsync(cancellationToken);

    public async Task AddAsync(SigningKey key, CancellationToken cancellationToken)
    {
        db.SigningKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(key).State = EntityState.Detached;
    }
}
