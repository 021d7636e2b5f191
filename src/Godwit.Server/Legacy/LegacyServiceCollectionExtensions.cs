using Godwit.Core.Legacy;
using Godwit.Server.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;

namespace Godwit.Server.Legacy;

internal static class LegacyServiceCollectionExtensions
{
    /// <summary>
    /// Registers the legacy password hook, the user lookup hook, session migration and their options (checked at startup),
    /// with a resilient HttpClient per legacy endpoint (see <see cref="LegacyEndpoints"/>).
    /// </summary>
    public static IServiceCollection AddGodwitLegacySystem(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<LegacySystemOptions>(configuration.GetSection(LegacySystemOptions.SectionName), options => options.Problem());
        foreach (var name in LegacyEndpoints.Names)
        {
            var endpoint = services.AddHttpClient(name, client =>
            {
                // The resilience pipeline's timeout governs; this one would hide timeouts from the circuit breaker.
                client.Timeout = Timeout.InfiniteTimeSpan;
            });
            // A redirect is an answer outside the contract, never followed: following one would take
            // the verdict on who logs in from whatever host it names, and a 307 or 308 would repeat
            // the password POST there. The callers treat its 3xx status as the legacy system failing.
            endpoint.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
            endpoint.AddResilienceHandler(name, (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<LegacySystemOptions>();
                var circuits = context.ServiceProvider.GetRequiredService<LegacyCircuitStates>();
                circuits.Set(name, CircuitState.Closed);
                // Outermost the circuit breaker, so that it counts the timeouts inside it.
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = options.CircuitBreaker.FailureRatio,
                    MinimumThroughput = options.CircuitBreaker.MinimumThroughput,
                    SamplingDuration = options.CircuitBreaker.SamplingDuration,
                    BreakDuration = options.CircuitBreaker.BreakDuration,
                    // Kept for the circuit-state gauge (see TelemetryGauges).
                    OnOpened = _ => Set(circuits, name, CircuitState.Open),
                    OnHalfOpened = _ => Set(circuits, name, CircuitState.HalfOpen),
                    OnClosed = _ => Set(circuits, name, CircuitState.Closed),
                });
                pipeline.AddTimeout(options.Timeout);
            });
            // Added after the resilience handler, so it runs inside it: the timeout covers the body.
            endpoint.AddHttpMessageHandler(() => new BufferAnswerHandler());
        }

        services.AddSingleton<LegacyCircuitStates>();
        services.AddSingleton<LegacyEndpoints>();
        services.AddSingleton<ILegacyPasswordHook, LegacyPasswordHookClient>();
        services.AddSingleton<LegacyJwks>();
        services.AddSingleton<LegacyJwtSessionSource>();
        services.AddSingleton<UserInfoSessionSource>();
        services.AddSingleton<SessionHookSource>();
        services.AddSingleton<ILegacySessionVerifier, LegacySessionSources>();
        services.AddScoped<LegacyPasswordLogin>();
        services.AddScoped<LegacyPasswordAuthority>();
        services.AddScoped<SessionMigrationService>();
        services.AddSingleton<ILegacyUserLookupHook, LegacyUserLookupHookClient>();
        services.AddScoped<LegacyUserLookup>();
        return services;
    }

    private static ValueTask Set(LegacyCircuitStates circuits, string name, CircuitState state)
    {
        circuits.Set(name, state);
        return ValueTask.CompletedTask;
    }
}
