using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Godwit.Server.Hosting;

/// <summary>
/// <c>&lt;DataFolder&gt;/project.json</c>: what Development generates once and reuses on every
/// restart (the project id, the API secret, an encryption key), readable by its owner only.
/// </summary>
internal sealed class DevelopmentProjectFile(string dataFolder)
{
    public string Path { get; } = System.IO.Path.GetFullPath(System.IO.Path.Combine(dataFolder, "project.json"));

    public string? Read(string field) =>
        File.Exists(Path) ? JsonNode.Parse(File.ReadAllText(Path))?[field]?.GetValue<string>() : null;

    /// <summary>Adds or replaces fields, keeping the others.</summary>
    public void Write(IReadOnlyDictionary<string, string> fields)
    {
        var stored = File.Exists(Path) ? JsonNode.Parse(File.ReadAllText(Path))!.AsObject() : new JsonObject();
        foreach (var (name, value) in fields)
        {
            stored[name] = value;
        }

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        // Written beside and moved over the old file, mode 0600 before a secret is in it, so the
        // secrets are never world-readable and an interrupted write leaves the old file whole.
        var temporary = Path + ".tmp";
        var create = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, create))
        // Relaxed escaping keeps base64's '+' as it is, so the key can be copied out of the file.
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            stored.WriteTo(writer);
        }

        File.Move(temporary, Path, overwrite: true);
    }
}
