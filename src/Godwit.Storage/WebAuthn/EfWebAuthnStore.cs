using Godwit.Core.WebAuthn;
using Microsoft.EntityFrameworkCore;

namespace Godwit.Storage.WebAuthn;

internal sealed class EfWebAuthnStore(GodwitDbContext db) : IWebAuthnStore
{
    private DbSet<WebAuthnChallenge> Challenges => db.Set<WebAuthnChallenge>();

    private DbSet<WebAuthnRegistration> Registrations => db.Set<WebAuthnRegistration>();

    public async Task AddChallengeAsync(WebAuthnChallenge challenge, CancellationToken cancellationToken)
    {
        Challenges.Add(challenge);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(challenge).State = EntityState.Detached;
    }

    public Task<WebAuthnChallenge?> FindChallengeAsync(byte[] challenge, CancellationToken cancellationToken) =>
        Challenges.AsNoTracking().FirstOrDefaultAsync(c => c.Challenge == challenge, cancellationToken);

    // The affected-row count of a conditional update decides who used the challenge.
    public async Task<bool> TryConsumeChallengeAsync(string challengeId, DateTime now, CancellationToken cancellationToken) =>
        await Challenges
            .Where(c => c.ChallengeId == challengeId && c.ConsumedAt == null && c.ExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.ConsumedAt, now), cancellationToken) == 1;

    public Task<WebAuthnRegistration?> FindByCredentialIdAsync(byte[] credentialId, CancellationToken cancellationToken) =>
        Registrations.AsNoTracking().FirstOrDefaultAsync(r => r.CredentialId == credentialId, cancellationToken);

    public Task<WebAuthnRegistration?> FindAsync(string webAuthnRegistrationId, CancellationToken cancellationToken) =>
        Registrations.AsNoTracking().FirstOrDefaultAsync(r => r.WebAuthnRegistrationId == webAuthnRegistrationId, cancellationToken);

    public Task<bool> CredentialIdTakenAsync(byte[] credentialId, CancellationToken cancellationToken) =>
        Registrations.AnyAsync(r => r.CredentialId == credentialId, cancellationToken);

    public async Task<bool> TryAdvanceSignCountAsync(string webAuthnRegistrationId, long expected, long nextSignCount, CancellationToken cancellationToken) =>
        await Registrations
            .Where(r => r.WebAuthnRegistrationId == webAuthnRegistrationId && r.SignCount == expected)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.SignCount, nextSignCount), cancellationToken) == 1;

    public async Task<bool> RenameAsync(string webAuthnRegistrationId, string name, CancellationToken cancellationToken) =>
        await Registrations
            .Where(r => r.WebAuthnRegistrationId == webAuthnRegistrationId)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Name, name), cancellationToken) == 1;
}
