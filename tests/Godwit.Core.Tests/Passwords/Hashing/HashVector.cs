using System.Text.Json;
using Godwit.Core.Passwords.Hashing;

namespace Godwit.Core.Tests.Passwords.Hashing;

/// <summary>
/// One line of a vectors file: the migrate request's fields plus <c>case</c>, <c>password</c> (for
/// known answers) or <c>why</c> and <c>error_type</c> (for malformed ones). Lines read through the
/// same reader stored hashes use, since the stored form is the wire shape.
/// </summary>
public sealed record HashVector(string Case, string Line, string? Password, string? ExpectedErrorType)
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Passwords", "Hashing", "Vectors");

    internal MigratedHashInput Input => StoredHashJson.Read(Line);

    /// <summary>Every known-answer vector: ours (known-answers.jsonl) and the shared ones (vectors.jsonl) when present.</summary>
    public static TheoryData<HashVector> KnownAnswers() => Load("known-answers.jsonl", "vectors.jsonl");

    /// <summary>The shared malformed vectors (malformed.jsonl), when present.</summary>
    public static TheoryData<HashVector> Malformed() => Load("malformed.jsonl");

    public override string ToString() => Case;

    private static TheoryData<HashVector> Load(params string[] files)
    {
        var data = new TheoryData<HashVector>();
        foreach (var file in files.Select(f => Path.Combine(Folder, f)).Where(File.Exists))
        {
            foreach (var line in File.ReadLines(file).Where(l => l.Trim().Length > 0))
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                data.Add(new HashVector(
                    $"{Path.GetFileNameWithoutExtension(file)}:{root.GetProperty("case").GetString()}",
                    line,
                    root.TryGetProperty("password", out var password) ? password.GetString() : null,
                    root.TryGetProperty("error_type", out var errorType) ? errorType.GetString() : null));
            }
        }

        return data;
    }
}
