using Godwit.Contracts;

namespace Godwit.Server.OpenApi;

/// <summary>
/// What an endpoint takes and answers, for the OpenAPI document. Handlers read their bodies through
/// <c>WireRequest</c> and answer <see cref="IResult"/>, so ASP.NET cannot infer either type; the
/// mapping line names them. Errors need no mention: every <c>/v1</c> route gets Stytch's error shape.
/// </summary>
internal static class EndpointDescriptions
{
    private const string Json = "application/json";

    /// <summary>The JSON body <typeparamref name="TRequest"/> and the 200 answer <typeparamref name="TResponse"/>.</summary>
    public static RouteHandlerBuilder AcceptsAndReturns<TRequest, TResponse>(this RouteHandlerBuilder endpoint)
        where TRequest : notnull
        where TResponse : ApiResponse =>
        endpoint.Accepts<TRequest>(Json).Returns<TResponse>();

    /// <summary>The 200 answer <typeparamref name="TResponse"/>, for routes without a body.</summary>
    public static RouteHandlerBuilder Returns<TResponse>(this RouteHandlerBuilder endpoint)
        where TResponse : ApiResponse =>
        endpoint.Produces<TResponse>(StatusCodes.Status200OK, Json);

    /// <summary>A query parameter the handler reads itself (the document cannot see it otherwise).</summary>
    public static RouteHandlerBuilder WithQuery(this RouteHandlerBuilder endpoint, string name, string description, bool required = false) =>
        endpoint.WithMetadata(new QueryParameterDescription(name, description, required));

    /// <summary>An endpoint that answers with a redirect to <paramref name="description"/>.</summary>
    public static RouteHandlerBuilder Redirects(this RouteHandlerBuilder endpoint, string description) =>
        endpoint.WithMetadata(new RedirectDescription(description)).Produces(StatusCodes.Status302Found);
}

/// <summary>A query parameter read by hand, described by <see cref="EndpointDescriptions.WithQuery"/>.</summary>
internal sealed record QueryParameterDescription(string Name, string Description, bool Required);

/// <summary>Where an endpoint's 302 sends the browser.</summary>
internal sealed record RedirectDescription(string Description);
