using System.Net;
using System.Reflection;
using System.Text.Json;
using Godwit.Core.Errors;
using Godwit.Server.Hosting;
using Godwit.Server.Http;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Errors;

/// <summary>error_url points at the error reference Godwit serves itself, and that page has an entry for every error type.</summary>
public sealed class ErrorReferenceTests(SqliteGodwit godwit) : IClassFixture<SqliteGodwit>
{
    [Fact]
    public async Task An_error_answers_link_resolves_on_the_same_server_to_its_error_type()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var answer = await godwit.Host.Client.GetJsonAsync("/v1/users/user-live-00000000-0000-4000-8000-000000000000");
        var link = new Uri(answer.Text("error_url"));

        var page = await godwit.Host.Anonymous.GetAsync(link, cancellationToken);
        var html = await page.Content.ReadAsStringAsync(cancellationToken);

        Assert.Equal((HttpStatusCode.NotFound, "user_not_found"), (answer.Status, answer.ErrorType));
        Assert.Equal(new Uri(godwit.Host.BaseUrl, "/errors#user_not_found"), link);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"<section id=\"{link.Fragment.TrimStart('#')}\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_served_page_has_an_anchor_for_every_error_type_the_catalog_can_produce()
    {
        var html = await godwit.Host.Anonymous.GetStringAsync(ErrorReference.PagePath, TestContext.Current.CancellationToken);

        var missing = CatalogErrors().Select(e => e.ErrorType).Distinct()
            .Where(type => !html.Contains($"<section id=\"{type}\">", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(CatalogErrors());
        Assert.Empty(missing);
    }

    /// <summary>An error declared beside its endpoint instead of in the catalog would link to an anchor the page lacks.</summary>
    [Fact]
    public void Every_error_godwit_declares_is_one_of_the_catalogs_types()
    {
        var catalogTypes = CatalogErrors().Select(e => e.ErrorType).ToHashSet();
        var assemblies = new[] { typeof(ErrorCatalog).Assembly, typeof(ErrorReference).Assembly, typeof(Godwit.Storage.GodwitDbContext).Assembly };

        var elsewhere = assemblies.SelectMany(a => a.GetTypes()).Where(t => !t.ContainsGenericParameters)
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(f => f.FieldType == typeof(ApiError))
            .Select(f => (Field: $"{f.DeclaringType!.FullName}.{f.Name}", ((ApiError)f.GetValue(null)!).ErrorType))
            .Where(declared => !catalogTypes.Contains(declared.ErrorType))
            .ToList();

        Assert.Empty(elsewhere);
    }

    /// <summary>The page runs no script and loads nothing: it works offline and cannot be turned against its readers.</summary>
    [Fact]
    public async Task The_page_is_self_contained_under_a_content_security_policy()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var page = await godwit.Host.Anonymous.GetAsync(ErrorReference.PagePath, cancellationToken);
        var html = await page.Content.ReadAsStringAsync(cancellationToken);
        var policy = string.Join(' ', page.Headers.GetValues("Content-Security-Policy"));

        Assert.StartsWith("default-src 'none'; style-src 'sha256-", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", string.Join(',', page.Headers.GetValues("X-Content-Type-Options")));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>error_url comes from Godwit:PublicUrl: a forged Host header cannot point answers (and the logs and caches keeping them) elsewhere.</summary>
    [Fact]
    public async Task A_forged_host_header_does_not_change_the_link()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/users/user-live-00000000-0000-4000-8000-000000000000");
        request.Headers.Host = "attacker.example";

        using var response = await godwit.Host.Client.SendAsync(request, cancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(new Uri(godwit.Host.BaseUrl, "/errors#user_not_found").ToString(), body.RootElement.GetProperty("error_url").GetString());
    }

    [Fact]
    public async Task The_reference_page_can_be_set_for_docs_published_elsewhere()
    {
        await using var host = await GodwitHost.StartAsync(new()
        {
            Settings = new Dictionary<string, string?> { ["Godwit:ErrorReferenceUrl"] = "https://docs.example.com/identity/errors.html#top" },
        });

        var answer = await host.Client.PostAsync("/v1/users", new { email = "not an email" });

        Assert.Equal("https://docs.example.com/identity/errors.html#invalid_email", answer.Text("error_url"));
    }

    [Theory]
    [InlineData("Godwit:ErrorReferenceUrl", "docs/api.md", "Godwit:ErrorReferenceUrl must be an absolute http or https URL")]
    [InlineData("Godwit:PublicUrl", "id.example.com", "Godwit:PublicUrl must be an absolute http or https URL")]
    public async Task A_base_that_is_not_an_http_url_refuses_to_start(string setting, string value, string problem)
    {
        var refused = await Assert.ThrowsAsync<ConfigurationProblemException>(() => GodwitHost.StartAsync(new()
        {
            Settings = new Dictionary<string, string?> { [setting] = value },
        }));

        Assert.StartsWith(problem, refused.Message, StringComparison.Ordinal);
    }

    private static List<ApiError> CatalogErrors() =>
        typeof(ErrorCatalog).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(ApiError))
            .Select(f => (ApiError)f.GetValue(null)!)
            .ToList();
}
