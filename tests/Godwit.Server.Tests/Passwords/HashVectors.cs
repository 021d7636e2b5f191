using System.Text.Json.Nodes;

namespace Godwit.Server.Tests.Passwords;

/// <summary>
/// The password hash vectors that tests/vectors/passwords/generate.sh made with tools Godwit shares
/// no code with (openssl, passlib, argon2-cffi, php, bcryptjs, ASP.NET Core Identity, ...).
/// </summary>
internal static class HashVectors
{
    public static TheoryData<string> Good() => Cases("vectors.jsonl");

    public static TheoryData<string> Malformed() => Cases("malformed.jsonl");

    /// <summary>The vector's line, by its case name.</summary>
    public static JsonObject Find(string file, string name) => Read(file).Single(v => (string)v["case"]! == name);

    /// <summary>A Migrate Password body for the vector: its hash fields, with the given email.</summary>
    public static JsonObject MigrateBody(JsonObject vector, string email)
    {
        var body = (JsonObject)vector.DeepClone();
        foreach (var name in (string[])["case", "password", "generator", "why"])
        {
            body.Remove(name);
        }

        body["email"] = email;
        return body;
    }

    private static TheoryData<string> Cases(string file) => new(Read(file).Select(v => (string)v["case"]!));

    private static IEnumerable<JsonObject> Read(string file) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Vectors", file))
            .Where(line => line.Length > 0)
            .Select(line => JsonNode.Parse(line)!.AsObject());
}
