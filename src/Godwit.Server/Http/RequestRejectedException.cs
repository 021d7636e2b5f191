using Godwit.Core.Errors;

namespace Godwit.Server.Http;

/// <summary>
/// Thrown only while binding a request, so handlers read fields in one line each; the error
/// handler turns it into the client error it carries. Business rules return errors as values.
/// </summary>
internal sealed class RequestRejectedException(ApiError error) : Exception(error.Message)
{
    public ApiError Error { get; } = error;
}
