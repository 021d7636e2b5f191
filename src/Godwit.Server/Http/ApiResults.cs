using System.Text.Json;
using Godwit.Contracts;
using Godwit.Contracts.Errors;
using Godwit.Core.Errors;

namespace Godwit.Server.Http;

/// <summary>Writes every response, success or error, in Stytch's envelope.</summary>
internal static class ApiResults
{
    public static IResult Ok(ApiResponse response) => new EnvelopeResult(response, StatusCodes.Status200OK);

    public static IResult Error(ApiError error) => new EnvelopeResult(null, error.StatusCode, error.RetryAfter) { Error = error };

    /// <summary>The error a handler answered with, or null for a success.</summary>
    public static ApiError? ErrorOf(object? result) => (result as EnvelopeResult)?.Error;

    /// <summary>The response for a value, or the error that prevented it.</summary>
    public static IResult From<T>(Result<T> result, Func<T, ApiResponse> map) =>
        result.Succeeded ? Ok(map(result.Value)) : Error(result.Error!);

    private static ErrorResponse ErrorResponseOf(HttpContext context, ApiError error) =>
        new(error.ErrorType, error.Message, context.RequestServices.GetRequiredService<ErrorReference>().UrlOf(error));

    public static Task WriteAsync(HttpContext context, ApiResponse response, int statusCode)
    {
        response.RequestId = RequestIds.Of(context);
        response.StatusCode = statusCode;
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, response, response.GetType(), GodwitJsonContext.Default, context.RequestAborted);
    }

    /// <summary>A response, or (with a null response) the <see cref="Error"/>, written when executed, once its error_url is known.</summary>
    private sealed class EnvelopeResult(ApiResponse? response, int statusCode, TimeSpan? retryAfter = null) : IResult
    {
        public ApiError? Error { get; init; }

        public Task ExecuteAsync(HttpContext httpContext)
        {
            if (retryAfter is { } wait)
            {
                // Whole seconds, rounded up, as RFC 9110's delay-seconds form requires.
                httpContext.Response.Headers.RetryAfter = ((long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return WriteAsync(httpContext, response ?? ErrorResponseOf(httpContext, Error!), statusCode);
        }
    }
}
