using System.Text.RegularExpressions;
using Godwit.Testing.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Server.Tests.BadInput;

/// <summary>One method and route pattern the running server maps, such as <c>PUT /v1/users/{userId}</c>.</summary>
internal sealed partial record SweptRoute(string Method, string Pattern)
{
    /// <summary>Whether the sweep sends this route field-by-field bodies (Stytch's bodies travel with these).</summary>
    public bool TakesFields => Method is "POST" or "PUT" or "PATCH";

    public IReadOnlyList<string> Parameters => ParameterPattern().Matches(Pattern).Select(m => m.Groups[1].Value).ToList();

    /// <summary>
    /// Every route of the running server, read from its endpoint data source rather than listed by
    /// hand, so that a new endpoint is swept as soon as it is mapped.
    /// </summary>
    public static IReadOnlyList<SweptRoute> All(GodwitHost host) => host.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            .Select(method => new SweptRoute(method, "/" + endpoint.RoutePattern.RawText!.Trim('/'))))
        .Distinct()
        .OrderBy(route => route.Pattern, StringComparer.Ordinal)
        .ThenBy(route => route.Method, StringComparer.Ordinal)
        .ToList();

    /// <summary>The path with each parameter replaced by <paramref name="valueOf"/>'s (already escaped) text.</summary>
    public string Path(Func<string, string> valueOf) => ParameterPattern().Replace(Pattern, match => valueOf(match.Groups[1].Value));

    public override string ToString() => $"{Method} {Pattern}";

    [GeneratedRegex(@"\{\*{0,2}([A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex ParameterPattern();
}
