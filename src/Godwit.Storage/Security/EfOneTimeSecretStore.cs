using Godwit.Core.OneTimeSecrets;
using Godwit.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Godwit.Storage.Security;

internal sealed class EfOneTimeSecretStore(GodwitDbContext db) : IOneTimeSecretStore
{
    public async Task AddAsync(OneTimeSecret secret, CancellationToken cancellationToken)
    {
        db.OneTimeSecrets.Add(secret);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(secret).State = EntityState.Detached;
    }

    public Task<OneTimeSecret?> FindByHashAsync(byte[] secretHash, CancellationToken cancellationToken) =>
        db.OneTimeSecrets.AsNoTracking().FirstOrDefaultAsync(s => s.SecretHash == secretHash, cancellationToken);

    public Task<OneTimeSecret?> FindLiveOtpAsync(string methodId, DateTime now, CancellationToken cancellationToken) =>
        db.OneTimeSecrets.AsNoTracking()
            .Where(s => s.MethodId == methodId && (s.Kind == OneTimeSecretKind.Otp || s.Kind == OneTimeSecretKind.WhatsAppOtp) && s.ConsumedAt == null && s.ExpiresAt > now)
            .OrderByDescending(s => s.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);

    // The affected-row count of a conditional update decides who consumed the secret.
    public async Task<bool> TryConsumeAsync(string id, DateTime now, CancellationToken cancellationToken) =>
        await db.OneTimeSecrets
            .Where(s => s.Id == id && s.ConsumedAt == null && s.ExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.ConsumedAt, now), cancellationToken) == 1;

    public async Task<bool> TryCountAttemptAsync(string id, int maxAttempts, DateTime now, CancellationToken cancellationToken)
    {
        var counted = await db.OneTimeSecrets
            .Where(s => s.Id == id && s.ConsumedAt == null && s.ExpiresAt > now && s.FailedAttempts < maxAttempts)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.FailedAttempts, s => s.FailedAttempts + 1), cancellationToken) == 1;
        if (!counted)
        {
            // Out of attempts: burn the code so no later guess is ever compared.
            await db.OneTimeSecrets.Where(s => s.Id == id && s.ConsumedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.ConsumedAt, now), cancellationToken);
        }

        return counted;
    }

    public Task<int> CountCreatedSinceAsync(string methodId, OneTimeSecretKind kind, DateTime since, CancellationToken cancellationToken) =>
        db.OneTimeSecrets.CountAsync(s => s.MethodId == methodId && s.Kind == kind && s.CreatedAt >= since, cancellationToken);

    public Task<int> ConsumeAllAsync(string methodId, OneTimeSecretKind kind, DateTime now, CancellationToken cancellationToken) =>
        db.OneTimeSecrets
            .Where(s => s.MethodId == methodId && s.Kind == kind && s.ConsumedAt == null && s.ExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.ConsumedAt, now), cancellationToken);
}
