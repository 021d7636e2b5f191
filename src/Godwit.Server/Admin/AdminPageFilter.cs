using System.Net;
using Godwit.Core.Events;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Godwit.Server.Admin;

/// <summary>
/// Runs around every console page: the security headers, the event origin (the admin is the
/// actor of everything a page changes), the sign-in check, and the commit of events that came
/// with no change of their own.
/// </summary>
internal sealed class AdminPageFilter : IAsyncPageFilter
{
    public const string SignInPath = AdminConsole.PathPrefix + "/sign-in";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        var services = http.RequestServices;
        AdminHeaders.Apply(http.Response);
        var origin = services.GetRequiredService<EventOrigin>();
        origin.Actor = EventActor.User(null);
        origin.IpAddress = AddressOf(http.Connection.RemoteIpAddress);
        var userAgent = http.Request.Headers.UserAgent.ToString();
        origin.UserAgent = userAgent.Length == 0 ? null : userAgent[..Math.Min(userAgent.Length, 512)];

        var session = await services.GetRequiredService<AdminSessions>().FindAsync(http, http.RequestAborted);
        services.GetRequiredService<CurrentAdmin>().Session = session;
        if (session is not null)
        {
            origin.Actor = EventActor.Admin(session.Admin.UserId);
        }

        var signInStep = context.HandlerInstance is ISignInStep;
        if (!signInStep && session is not { HasSecondFactor: true })
        {
            context.Result = new RedirectResult(SignInPath);
            return;
        }

        await next();
        // Not the request's token: an admin who hangs up must still leave the action in the log.
        await services.GetRequiredService<EventLog>().CommitPendingAsync(CancellationToken.None);
    }

    private static string? AddressOf(IPAddress? address) =>
        address is null ? null : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}

/// <summary>A page of the sign-in itself, reachable before the admin has proved both factors.</summary>
internal interface ISignInStep;
