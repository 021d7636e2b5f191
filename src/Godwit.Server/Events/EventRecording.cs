using System.Net;
using Godwit.Core.Events;
using Godwit.Server.Http;

namespace Godwit.Server.Events;

/// <summary>
/// Gives a group's requests their event origin (who, from where) and, once the handler has
/// decided, commits the events that came with no change of their own, before the answer is written.
/// </summary>
internal static class EventRecording
{
    /// <summary>Backend endpoints: the actor is the project's API key.</summary>
    public static RouteGroupBuilder RecordEventsAsProject(this RouteGroupBuilder group) =>
        Record(group, context => EventActor.ApiKey(context.RequestServices.GetRequiredService<ProjectAuthentication>().ProjectId));

    /// <summary>Browser endpoints: the actor is the person, who is not known yet.</summary>
    public static RouteGroupBuilder RecordEventsAsUser(this RouteGroupBuilder group) =>
        Record(group, _ => EventActor.User(null));

    private static RouteGroupBuilder Record(RouteGroupBuilder group, Func<HttpContext, EventActor> actor)
    {
        group.AddEndpointFilter(async (invocation, next) =>
        {
            var context = invocation.HttpContext;
            var origin = context.RequestServices.GetRequiredService<EventOrigin>();
            origin.Actor = actor(context);
            origin.IpAddress = AddressOf(context.Connection.RemoteIpAddress);
            var userAgent = context.Request.Headers.UserAgent.ToString();
            origin.UserAgent = userAgent.Length == 0 ? null : userAgent[..Math.Min(userAgent.Length, 512)];

            var result = await next(invocation);
            // Not the request's token: a guesser who hangs up after sending must still leave the
            // failed attempt in the log.
            await context.RequestServices.GetRequiredService<EventLog>().CommitPendingAsync(CancellationToken.None);
            return result;
        });
        return group;
    }

    private static string? AddressOf(IPAddress? address) =>
        address is null ? null : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}
