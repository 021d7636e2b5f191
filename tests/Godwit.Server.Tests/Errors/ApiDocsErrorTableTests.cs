using Godwit.Core.Errors;

namespace Godwit.Server.Tests.Errors;

/// <summary>
/// docs/api.md's "Errors" table is the served error reference (<c>GET /errors</c>) for readers of
/// the repository: both come from <see cref="ErrorTypes"/>, and this test keeps the table an exact
/// copy, row for row, so that a new type or a changed message cannot leave it behind.
/// </summary>
public sealed class ApiDocsErrorTableTests
{
    [Fact]
    public void Docs_api_md_lists_every_error_type_of_the_catalog_as_the_catalog_states_it()
    {
        var expected = ErrorTypes.All.Select(Row).ToList();
        var documented = ErrorsSection(File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "api.md")))
            .Split('\n')
            .Where(line => line.StartsWith("| <a id=", StringComparison.Ordinal))
            .ToList();

        var stale = documented.Except(expected, StringComparer.Ordinal).ToList();
        var missing = expected.Except(documented, StringComparer.Ordinal).ToList();

        Assert.NotEmpty(expected);
        // The rows to write, ready to paste into the table of docs/api.md's "Errors" section.
        Assert.True(missing.Count == 0 && stale.Count == 0,
            "docs/api.md's Errors table differs from the catalog.\nAdd or replace:\n" + string.Join('\n', missing) + "\nRemove:\n" + string.Join('\n', stale));
        Assert.Equal(expected, documented);
    }

    private static string Row(ErrorTypeEntry type) =>
        $"| <a id=\"{type.ErrorType}\"></a>`{type.ErrorType}` | {string.Join(", ", type.StatusCodes)} | {type.Messages[0].Replace("|", "\\|", StringComparison.Ordinal)} |";

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
}
