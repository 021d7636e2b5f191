using Godwit.Core.Errors;
using Godwit.Core.Passwords;

namespace Godwit.Server.Http;

/// <summary>
/// The one place where failures become Stytch-shaped errors: rejected requests, routes that do
/// not exist, and bugs, so the framework's own 400, 404, 405 or 500 never reaches a client.
/// </summary>
internal sealed partial class ApiErrorMiddleware(RequestDelegate next, ILogger<ApiErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = RequestIds.Of(context) });
        try
        {
            await next(context);
            if (!context.Response.HasStarted)
            {
                var unmatched = context.Response.StatusCode switch
                {
                    StatusCodes.Status404NotFound => ErrorCatalog.EndpointNotFound,
                    StatusCodes.Status405MethodNotAllowed => ErrorCatalog.MethodNotAllowed,
                    _ => null,
                };
                if (unmatched is not null)
                {
                    await WriteAsync(context, unmatched);
                }
            }
        }
        catch (RequestRejectedException rejected)
        {
            await WriteAsync(context, rejected.Error);
        }
        catch (PasswordHashingOverloadedException overloaded)
        {
            // The hashing queue is full: refused before the hash it was asked for; see HashingGate.
            await WriteAsync(context, ErrorCatalog.PasswordHashingOverloaded.WithRetryAfter(overloaded.RetryAfter));
        }
        catch (BadHttpRequestException badRequest)
        {
            await WriteAsync(context, badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? ErrorCatalog.RequestTooLarge
                : ErrorCatalog.BadRequest);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception exception)
        {
            LogUnhandled(logger, exception, context.Request.Method, context.Request.Path);
            await WriteAsync(context, ErrorCatalog.InternalServerError);
        }
    }

    private static Task WriteAsync(HttpContext context, ApiError error)
    {
        if (context.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        context.Response.Clear();
        return ApiResults.Error(error).ExecuteAsync(context);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, PathString path);
}
