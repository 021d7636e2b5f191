using Godwit.Core.Events;

namespace Godwit.Server.Events;

internal static class EventServiceCollectionExtensions
{
    /// <summary>Registers the event log; each scope has its own origin, filled from the request when there is one.</summary>
    public static IServiceCollection AddGodwitEvents(this IServiceCollection services)
    {
        services.AddScoped<EventOrigin>();
        services.AddScoped<EventLog>();
        return services;
    }
}
