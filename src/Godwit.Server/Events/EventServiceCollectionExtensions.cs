using Godwit.Core.Events;
using Godwit.Server.Hosting;

namespace Godwit.Server.Events;

internal static class EventServiceCollectionExtensions
{
    /// <summary>
    /// Registers the event log (each scope has its own origin, filled from the request when there is
    /// one) and the pruning of events older than the retention.
    /// </summary>
    public static IServiceCollection AddGodwitEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<EventOrigin>();
        services.AddScoped<EventLog>();
        services.AddValidatedOptions<EventOptions>(configuration.GetSection(EventOptions.SectionName), options => options.Problem());
        services.AddHostedService<EventPruner>();
        return services;
    }
}
