using Godwit.Core.Impersonation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Godwit.Storage.Impersonation;

internal sealed class EfImpersonationStore(GodwitDbContext db) : IImpersonationStore
{
    public async Task AddAsync(ImpersonationGrant impersonation, CancellationToken cancellationToken)
    {
        db.Impersonations.Add(impersonation);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(impersonation).State = EntityState.Detached;
    }

    public Task<ImpersonationGrant?> FindByTokenHashAsync(byte[] tokenHash, CancellationToken cancellationToken) =>
        db.Impersonations.AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == tokenHash, cancellationToken);

    // The affected-row count of a conditional update decides who used the token.
    public async Task<bool> TryConsumeAsync(string impersonationId, DateTime now, CancellationToken cancellationToken) =>
        await db.Impersonations
            .Where(i => i.ImpersonationId == impersonationId && i.UsedAt == null && i.ExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.UsedAt, now), cancellationToken) == 1;

    public Task RecordSessionAsync(string impersonationId, string sessionId, CancellationToken cancellationToken) =>
        db.Impersonations
            .Where(i => i.ImpersonationId == impersonationId)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.SessionId, sessionId), cancellationToken);

    public async Task<IReadOnlyList<ImpersonationGrant>> ListForUserAsync(string userId, CancellationToken cancellationToken) =>
        await db.Impersonations.AsNoTracking()
            .Where(i => i.UserId == userId)
            .OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.ImpersonationId)
            .ToListAsync(cancellationToken);
}

internal sealed class ImpersonationGrantConfiguration : IEntityTypeConfiguration<ImpersonationGrant>
{
    public void Configure(EntityTypeBuilder<ImpersonationGrant> impersonation)
    {
        impersonation.HasKey(i => i.ImpersonationId);
        impersonation.Property(i => i.ImpersonationId).HasMaxLength(64);
        // No foreign key to users: the audit record must survive the user's deletion.
        impersonation.Property(i => i.UserId).HasMaxLength(64);
        impersonation.Property(i => i.ImpersonatorId).HasMaxLength(256);
        impersonation.Property(i => i.ImpersonatorEmailAddress).HasMaxLength(254);
        impersonation.Property(i => i.Reason).HasMaxLength(1024);
        impersonation.Property(i => i.SessionId).HasMaxLength(64);
        impersonation.HasIndex(i => i.TokenHash).IsUnique();
        impersonation.HasIndex(i => new { i.UserId, i.CreatedAt });
    }
}
