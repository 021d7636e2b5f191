using Godwit.Core.Sessions;
using Godwit.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Godwit.Server.Health;

/// <summary>
/// What <c>/health/ready</c> asks before a load balancer sends traffic: the database answers, its
/// schema has every migration this build knows, and the JWT signing keys are loaded. Descriptions
/// are Godwit's own words: an exception's message could name a host or a connection string.
/// </summary>
internal static class ReadinessChecks
{
    public const string Tag = "ready";

    public static IServiceCollection AddGodwitReadinessChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseCheck>("database", tags: [Tag])
            .AddCheck<MigrationsCheck>("migrations", tags: [Tag])
            .AddCheck<SigningKeysCheck>("signing_keys", tags: [Tag]);
        return services;
    }

    private sealed class DatabaseCheck(GodwitDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                return await db.Database.CanConnectAsync(cancellationToken)
                    ? HealthCheckResult.Healthy()
                    : HealthCheckResult.Unhealthy("database unreachable");
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy("database unreachable");
            }
        }
    }

    /// <summary>A schema behind this build (a new version started before <c>godwit serve</c> migrated) would fail queries.</summary>
    private sealed class MigrationsCheck(GodwitDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
                return pending == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"{pending} migrations pending");
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy("migration history unreadable");
            }
        }
    }

    private sealed class SigningKeysCheck(SigningKeyRing keys) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(keys.IsLoaded ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("signing keys not loaded"));
    }
}
