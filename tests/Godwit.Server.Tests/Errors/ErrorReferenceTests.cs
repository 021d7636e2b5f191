using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Godwit.Core.Errors;
using Godwit.Server.Hosting;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Errors;

/// <summary>error_url points at Godwit's error reference, and that reference has an entry for every error type.</summary>
public sealed partial class ErrorReferenceTests(SqliteGodwit godwit) : IClassFixture<SqliteGodwit>
{
    [Fact]
    public async Task An_error_answer_links_to_its_error_type_in_the_api_reference()
    {
        var answer = await godwit.Host.Client.GetJsonAsync("/v1/users/user-live-00000000-0000-4000-8000-000000000000");

        Assert.Equal((HttpStatusCode.NotFound, "user_not_found"), (answer.Status, answer.ErrorType));
        Assert.Equal("https://github.com/godwit/godwit/blob/main/docs/api.md#user_not_found", answer.Text("error_url"));
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

    [Fact]
    public async Task A_reference_page_that_is_not_an_http_url_refuses_to_start()
    {
        var refused = await Assert.ThrowsAsync<ConfigurationProblemException>(() => GodwitHost.StartAsync(new()
        {
            Settings = new Dictionary<string, string?> { ["Godwit:ErrorReferenceUrl"] = "docs/api.md" },
        }));

        Assert.StartsWith("Godwit:ErrorReferenceUrl must be an absolute http or https URL", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Docs_api_md_has_one_entry_for_every_error_type_in_the_catalog_and_none_other()
    {
        var catalog = typeof(ErrorCatalog).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(ApiError))
            .Select(f => (ApiError)f.GetValue(null)!)
            .ToList();
        var section = ErrorsSection(File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "api.md")));
        var documented = AnchorPattern().Matches(section).Select(m => m.Groups[1].Value).ToList();

        var missing = catalog.GroupBy(e => e.ErrorType).Where(g => !documented.Contains(g.Key)).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        // The rows to add, ready to paste into the table of docs/api.md's "Errors" section.
        Assert.True(missing.Count == 0, "docs/api.md's Errors section lacks:\n" + string.Join('\n', missing.Select(Row)));
        Assert.Empty(documented.Except(catalog.Select(e => e.ErrorType)));
        Assert.Equal(documented.Count, documented.Distinct().Count());
    }

    private static string Row(IGrouping<string, ApiError> type) =>
        $"| <a id=\"{type.Key}\"></a>`{type.Key}` | {string.Join(", ", type.Select(e => e.StatusCode).Distinct().Order())} | {type.First().Message.Replace("|", "\\|", StringComparison.Ordinal)} |";

    private static string ErrorsSection(string markdown)
    {
        var start = markdown.IndexOf("\n## Errors\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/api.md has no \"## Errors\" section");
        var end = markdown.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? markdown[start..] : markdown[start..end];
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Godwit.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Godwit.slnx not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("<a id=\"([a-z0-9_]+)\"></a>")]
    private static partial Regex AnchorPattern();
}
