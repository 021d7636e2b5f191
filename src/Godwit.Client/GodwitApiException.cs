namespace Godwit.Client;

/// <summary>
/// The API answered with an error: Stytch's error body, typed. <see cref="ErrorType"/> is the
/// stable value to branch on (<c>unauthorized_credentials</c>, <c>otp_code_not_found</c>, ...);
/// <see cref="RequestId"/> finds the request in the server's log.
/// </summary>
public sealed class GodwitApiException : Exception
{
    /// <summary>Creates the exception for an error answer.</summary>
    public GodwitApiException(int statusCode, string errorType, string errorMessage, string errorUrl, string requestId, TimeSpan? retryAfter = null)
        : base($"{statusCode} {errorType}: {errorMessage}" + (requestId.Length > 0 ? $" (request {requestId})" : ""))
    {
        StatusCode = statusCode;
        ErrorType = errorType;
        ErrorMessage = errorMessage;
        ErrorUrl = errorUrl;
        RequestId = requestId;
        RetryAfter = retryAfter;
    }

    /// <summary>Creates the exception with a message and a cause; the error type is <c>unknown</c>.</summary>
    public GodwitApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorType = "unknown";
        ErrorMessage = message;
        ErrorUrl = "";
        RequestId = "";
    }

    /// <summary>The HTTP status, which Stytch repeats in the body as <c>status_code</c>.</summary>
    public int StatusCode { get; }

    /// <summary>Stytch's <c>error_type</c>, such as <c>unauthorized_credentials</c>.</summary>
    public string ErrorType { get; }

    /// <summary>Stytch's <c>error_message</c>: what went wrong, for a developer.</summary>
    public string ErrorMessage { get; }

    /// <summary>Stytch's <c>error_url</c>: where the error is documented.</summary>
    public string ErrorUrl { get; }

    /// <summary>The <c>request_id</c> of the failed request.</summary>
    public string RequestId { get; }

    /// <summary>The Retry-After of a 429 or 503 that was not waited out, if it named one.</summary>
    public TimeSpan? RetryAfter { get; }
}
