using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Server.Tests.OpenApi;

/// <summary>The document covers every mapped route, describes each one's body and answer, and is public.</summary>
public sealed class OpenApiDocumentTests(SqliteGodwit godwit) : IClassFixture<SqliteGodwit>
{
    // The document and its reference, and the error reference: pages for people, not API.
    private static readonly string[] OwnRoutes = ["/openapi", "/docs", "/errors"];

    [Fact]
    public async Task Every_mapped_route_is_in_the_document_with_its_methods()
    {
        var document = await OpenApiDocument.FetchAsync(godwit.Host.Anonymous);

        var missing = MappedRoutes()
            .Where(route => document.Operation(route.Method, route.Path) is null)
            .Select(route => $"{route.Method} {route.Path}")
            .ToList();

        Assert.NotEmpty(MappedRoutes());
        Assert.Empty(missing);
        Assert.DoesNotContain(document.Paths, path => path.Key.StartsWith("/errors", StringComparison.Ordinal));
    }

    /// <summary>An endpoint mapped without its types shows up here until its mapping line names them.</summary>
    [Fact]
    public async Task Every_v1_route_describes_its_answer_and_every_post_or_put_its_body()
    {
        var document = await OpenApiDocument.FetchAsync(godwit.Host.Anonymous);

        var undescribed = new List<string>();
        foreach (var (method, path) in MappedRoutes().Where(route => route.Path.StartsWith("/v1/", StringComparison.Ordinal)))
        {
            var operation = document.Operation(method, path)!;
            var redirects = operation["responses"]?["302"] is not null;
            if (!redirects && document.ResponseSchema(method, path, 200) is null)
            {
                undescribed.Add($"{method} {path}: no 200 schema (add .Returns<TResponse>() to its mapping)");
            }

            if (!redirects && method is "POST" or "PUT" && document.RequestSchema(method, path) is null)
            {
                undescribed.Add($"{method} {path}: no request schema (add .AcceptsAndReturns<TRequest, TResponse>())");
            }

            if (document.ResponseSchema(method, path, 400) is null)
            {
                undescribed.Add($"{method} {path}: no error schema");
            }
        }

        Assert.Empty(undescribed);
    }

    [Fact]
    public async Task Backend_routes_require_the_project_credential_and_public_ones_do_not()
    {
        var document = await OpenApiDocument.FetchAsync(godwit.Host.Anonymous);

        Assert.Equal("basic", document.Root["components"]!["securitySchemes"]!["project_basic"]!["scheme"]!.GetValue<string>());
        Assert.NotNull(document.Operation("POST", "/v1/users")!["security"]);
        Assert.NotNull(document.Operation("GET", "/v1/users/{userId}")!["security"]);
        Assert.Null(document.Operation("GET", "/v1/sessions/jwks/{projectId}")!["security"]);
        Assert.Null(document.Operation("GET", "/v1/public/oauth/{provider}/start")!["security"]);
    }

    [Fact]
    public async Task Field_names_are_stytchs_snake_case()
    {
        var document = await OpenApiDocument.FetchAsync(godwit.Host.Anonymous);

        var error = PropertyNames(document.Component("ErrorResponse"));
        Assert.Superset(new HashSet<string> { "status_code", "request_id", "error_type", "error_message", "error_url" }, error);
        Assert.Superset(new HashSet<string> { "user_id", "email_id", "status", "user", "status_code", "request_id" }, PropertyNames(document.Component("CreateUserResponse")));
        Assert.Superset(new HashSet<string> { "session_token", "session_jwt", "session", "user" }, PropertyNames(document.Component("AuthenticateSessionResponse")));
        Assert.Superset(new HashSet<string> { "session_token", "session_jwt", "session_duration_minutes" }, PropertyNames(document.Component("AuthenticateSessionRequest")));
        Assert.DoesNotContain(document.Root.ToJsonString(), "\"requestId\"", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_example_fits_its_schema()
    {
        var document = await OpenApiDocument.FetchAsync(godwit.Host.Anonymous);

        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (operation?["requestBody"]?["content"]?["application/json"] is { } request && request["example"] is { } sent)
                {
                    Assert.Null(document.Problems(request["schema"]!, Parse(sent)));
                }

                if (operation?["responses"]?["200"]?["content"]?["application/json"] is { } answer && answer["example"] is { } answered)
                {
                    Assert.Null(document.Problems(answer["schema"]!, Parse(answered)));
                }
            }
        }
    }

    [Fact]
    public async Task The_document_and_the_reference_are_served_without_credentials()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var document = await godwit.Host.Anonymous.GetAsync("/openapi/v1.json", cancellationToken);
        var docs = await godwit.Host.Anonymous.GetAsync("/docs", cancellationToken);
        var html = await docs.Content.ReadAsStringAsync(cancellationToken);

        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Equal("application/json", document.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Equal("text/html", docs.Content.Headers.ContentType?.MediaType);
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);
    }

    /// <summary>The reference loads its script from Godwit itself, so it works without internet access.</summary>
    [Fact]
    public async Task The_reference_serves_its_own_script()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var html = await godwit.Host.Anonymous.GetStringAsync("/docs/", cancellationToken);
        var script = await godwit.Host.Anonymous.GetAsync("/docs/scalar.js", cancellationToken);

        Assert.Contains("<script src=\"scalar.js\"></script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.jsdelivr.net", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.True((await script.Content.ReadAsByteArrayAsync(cancellationToken)).Length > 100_000);
    }

    private List<(string Method, string Path)> MappedRoutes() =>
        godwit.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(endpoint => (Methods: endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [], Path: "/" + endpoint.RoutePattern.RawText!.Trim('/')))
            .Where(route => !OwnRoutes.Any(own => route.Path.StartsWith(own, StringComparison.Ordinal)))
            .SelectMany(route => route.Methods.Select(method => (method, route.Path)))
            .Distinct()
            .ToList();

    private static HashSet<string> PropertyNames(JsonObject schema) => schema["properties"]!.AsObject().Select(property => property.Key).ToHashSet();

    private static System.Text.Json.JsonElement Parse(JsonNode node) => System.Text.Json.JsonDocument.Parse(node.ToJsonString()).RootElement.Clone();
}
