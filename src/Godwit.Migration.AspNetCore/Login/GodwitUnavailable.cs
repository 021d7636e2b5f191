using Godwit.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Godwit.Migration.AspNetCore.Login;

/// <summary>
/// Every step of the login flow (start, send a new code, verify a code, a magic link's landing)
/// runs through this filter: when Godwit cannot be reached, times out, or answers with a failure
/// the flow has no words for (5xx, or a 4xx such as wrong credentials, which is the application's
/// configuration, not the person's doing), the person sees the "sign-in is unavailable" page with
/// status 503 and a way to try again, and the cause is logged once, instead of a 500.
/// </summary>
internal sealed partial class GodwitUnavailable(ILoggerFactory loggers) : IEndpointFilter
{
    private readonly ILogger logger = loggers.CreateLogger("Godwit.Migration.AspNetCore.Login");

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        try
        {
            return await next(context);
        }
        catch (Exception exception) when (!http.RequestAborted.IsCancellationRequested && Describe(exception) is { } cause)
        {
            var step = http.Request.Path.Value ?? "";
            if (exception is GodwitApiException { StatusCode: >= 400 and < 500 } refused)
            {
                // Not the person's doing and not an outage: the project's credentials or base URL.
                LogRefused(logger, step, refused.StatusCode, refused.ErrorType, refused.RequestId);
            }
            else
            {
                LogUnreachable(logger, step, cause);
            }

            return LoginEndpoints.Pages(http).Unavailable();
        }
    }

    /// <summary>
    /// What went wrong, in one line free of secrets (the messages carry a host and port, a status
    /// and error type, a request id; never the Authorization header), or null when the failure is
    /// not Godwit's, such as the application's own database in the migration step.
    /// </summary>
    private static string? Describe(Exception exception) => exception switch
    {
        GodwitApiException api when api.StatusCode == 0 => api.Message,
        GodwitApiException api => $"{api.StatusCode} {api.ErrorType}" + (api.RequestId.Length > 0 ? $" (request {api.RequestId})" : ""),
        HttpRequestException http => $"{http.HttpRequestError}: {http.Message}",
        // HttpClient's own timeout surfaces as a cancellation the caller did not ask for.
        TaskCanceledException { InnerException: TimeoutException timeout } => timeout.Message,
        TaskCanceledException => "the call to Godwit was cancelled before it answered",
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in is unavailable: Godwit failed or could not be reached at {Step}: {Cause}")]
    private static partial void LogUnreachable(ILogger logger, string step, string cause);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sign-in is unavailable: Godwit refused the application's call at {Step} with {StatusCode} {ErrorType} (request {RequestId}); check the client's ProjectId, Secret and BaseUrl")]
    private static partial void LogRefused(ILogger logger, string step, int statusCode, string errorType, string requestId);
}
