using System.Text.Json;
using Godwit.Core.Events;
using Godwit.Storage;
using Godwit.Testing.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Server.Tests.Events;

/// <summary>Reads the event log straight from the running host's database.</summary>
internal static class SessionEventsSupport
{
    public static async Task<List<GodwitEvent>> EventsAsync(this GodwitHost host, string? userId = null, string? type = null)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var query = scope.ServiceProvider.GetRequiredService<GodwitDbContext>().Set<GodwitEvent>().AsNoTracking();
        if (userId is not null)
        {
            query = query.Where(e => e.UserId == userId);
        }

        if (type is not null)
        {
            query = query.Where(e => e.Type == type);
        }

        return await query.ToListAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<List<GodwitEvent>> AllEventsAsync(this GodwitHost host) => await host.EventsAsync();

    public static JsonElement PayloadOf(GodwitEvent recorded) => JsonDocument.Parse(recorded.Payload).RootElement;

    public static string? Field(this GodwitEvent recorded, string name) =>
        PayloadOf(recorded).TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The only event of <paramref name="type"/> for the user; fails on none or several.</summary>
    public static async Task<GodwitEvent> SingleEventAsync(this GodwitHost host, string userId, string type) =>
        Assert.Single(await host.EventsAsync(userId, type));
}
