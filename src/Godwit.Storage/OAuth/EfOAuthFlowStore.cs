using Godwit.Core.OAuth;
using Microsoft.EntityFrameworkCore;

namespace Godwit.Storage.OAuth;

internal sealed class EfOAuthFlowStore(GodwitDbContext db) : IOAuthFlowStore
{
    public async Task AddStateAsync(OAuthFlowState state, CancellationToken cancellationToken)
    {
        db.Set<OAuthFlowState>().Add(state);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(state).State = EntityState.Detached;
    }

    public Task<OAuthFlowState?> FindStateAsync(byte[] stateHash, CancellationToken cancellationToken) =>
        db.Set<OAuthFlowState>().AsNoTracking().FirstOrDefaultAsync(s => s.StateHash == stateHash, cancellationToken);

    // The affected-row count of a conditional update decides who used the state.
    public async Task<bool> TryConsumeStateAsync(string stateId, DateTime now, CancellationToken cancellationToken) =>
        await db.Set<OAuthFlowState>()
            .Where(s => s.OAuthStateId == stateId && s.ConsumedAt == null && s.ExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.ConsumedAt, now), cancellationToken) == 1;

    public async Task<int> PruneAsync(DateTime expiredBefore, CancellationToken cancellationToken) =>
        await db.Set<OAuthFlowState>().Where(s => s.ExpiresAt < expiredBefore).ExecuteDeleteAsync(cancellationToken)
        + await db.Set<OAuthGrant>().Where(g => g.ExpiresAt < expiredBefore).ExecuteDeleteAsync(cancellationToken);

    public async Task AddGrantAsync(OAuthGrant grant, CancellationToken cancellationToken)
    {
        db.Set<OAuthGrant>().Add(grant);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(grant).State = EntityState.Detached;
    }

    public Task<OAuthGrant?> FindGrantAsync(byte[] tokenHash, CancellationToken cancellationToken) =>
        db.Set<OAuthGrant>().AsNoTracking().FirstOrDefaultAsync(g => g.TokenHash == tokenHash, cancellationToken);

    // Consuming also erases the provider's tokens: they are handed out once and kept no longer.
    public async Task<bool> TryConsumeGrantAsync(string grantId, DateTime now, CancellationToken cancellationToken) =>
        await db.Set<OAuthGrant>()
            .Where(g => g.OAuthGrantId == grantId && g.ConsumedAt == null && g.ExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(g => g.ConsumedAt, now).SetProperty(g => g.SealedProviderTokens, (byte[]?)null), cancellationToken) == 1;

    public Task<string?> FindRegistrationOwnerAsync(string providerType, string providerSubject, CancellationToken cancellationToken) =>
        db.Set<OAuthRegistration>().AsNoTracking()
            .Where(r => r.ProviderType == providerType && r.ProviderSubject == providerSubject)
            .Select(r => r.UserId)
            .FirstOrDefaultAsync(cancellationToken);

    public Task<string?> FindRegistrationUserAsync(string oauthRegistrationId, CancellationToken cancellationToken) =>
        db.Set<OAuthRegistration>().AsNoTracking()
            .Where(r => r.OAuthRegistrationId == oauthRegistrationId)
            .Select(r => r.UserId)
            .FirstOrDefaultAsync(cancellationToken);
}
