using Godwit.Core.Biometrics;
using Microsoft.EntityFrameworkCore;

namespace Godwit.Storage.Biometrics;

internal sealed class EfBiometricStore(GodwitDbContext db) : IBiometricStore
{
    private DbSet<BiometricChallenge> Challenges => db.Set<BiometricChallenge>();

    private DbSet<BiometricRegistration> Registrations => db.Set<BiometricRegistration>();

    public async Task AddChallengeAsync(BiometricChallenge challenge, DateTime now, CancellationToken cancellationToken)
    {
        // Clients name the registration, not the challenge: only the newest challenge may stay live.
        await Challenges
            .Where(c => c.BiometricRegistrationId == challenge.BiometricRegistrationId && c.Ceremony == challenge.Ceremony && c.ConsumedAt == null && c.ExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.ConsumedAt, now), cancellationToken);
        Challenges.Add(challenge);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(challenge).State = EntityState.Detached;
    }

    public Task<BiometricChallenge?> FindLatestChallengeAsync(string biometricRegistrationId, BiometricCeremony ceremony, CancellationToken cancellationToken) =>
        Challenges.AsNoTracking()
            .Where(c => c.BiometricRegistrationId == biometricRegistrationId && c.Ceremony == ceremony)
            // An unused challenge first: two issued within one clock tick still find the live one.
            .OrderBy(c => c.ConsumedAt != null)
            .ThenByDescending(c => c.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);

    // The affected-row count of a conditional update decides who used the challenge.
    public async Task<bool> TryConsumeChallengeAsync(string challengeId, DateTime now, CancellationToken cancellationToken) =>
        await Challenges
            .Where(c => c.ChallengeId == challengeId && c.ConsumedAt == null && c.ExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.ConsumedAt, now), cancellationToken) == 1;

    public Task<BiometricRegistration?> FindAsync(string biometricRegistrationId, CancellationToken cancellationToken) =>
        Registrations.AsNoTracking().FirstOrDefaultAsync(r => r.BiometricRegistrationId == biometricRegistrationId, cancellationToken);

    public Task<BiometricRegistration?> FindByPublicKeyAsync(byte[] publicKey, CancellationToken cancellationToken) =>
        Registrations.AsNoTracking().FirstOrDefaultAsync(r => r.PublicKey == publicKey, cancellationToken);
}
