using System.Text;
using System.Text.Json.Nodes;
using Godwit.Core.Passwords.Hashing;
using Godwit.Import.Reading;

namespace Godwit.Import.Tests;

/// <summary>Sample exports under Samples/, and the shared hash vectors.</summary>
internal static class Samples
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Samples", name);

    public static async Task<List<ImportRow>> ReadAllAsync(IExportPreset preset, string path)
    {
        var rows = new List<ImportRow>();
        await foreach (var row in preset.ReadAsync(path, TestContext.Current.CancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The vector of that case in tests/vectors/passwords/vectors.jsonl: its hash and its password.</summary>
    public static (string Hash, string Password) Vector(string caseName)
    {
        var vector = VectorLine(caseName);
        return ((string)vector["hash"]!, (string)vector["password"]!);
    }

    /// <summary>The whole vector of that case, config included.</summary>
    public static JsonNode VectorLine(string caseName) =>
        File.ReadLines(Path("vectors.jsonl")).Select(line => JsonNode.Parse(line)!).FirstOrDefault(vector => (string?)vector["case"] == caseName)
        ?? throw new InvalidOperationException($"no vector {caseName}");

    /// <summary>The hash parses as the migrate endpoint would parse it, and the vector's password matches it.</summary>
    public static void AssertVerifies(MigratedHashInput? input, string caseName)
    {
        Assert.NotNull(input);
        var (hash, password) = Vector(caseName);
        Assert.Equal(hash, input.Hash);
        var parsed = PasswordHashParser.Parse(input, new PasswordHashLimits());
        Assert.True(parsed.Succeeded, parsed.Error?.Message);
        Assert.True(parsed.Value.Verify(password));
        Assert.False(parsed.Value.Verify(password + "x"));
    }

    public static ImportUser User(ImportRow row) => Assert.IsType<ImportRow.Read>(row).User;

    /// <summary>Compares every field; JSON metadata by value, TOTP secrets by content.</summary>
    public static void AssertUser(ImportUser expected, ImportUser actual)
    {
        Assert.Equal(Comparable(expected), Comparable(actual));
        AssertJson(expected.TrustedMetadata, actual.TrustedMetadata);
        AssertJson(expected.UntrustedMetadata, actual.UntrustedMetadata);
        Assert.Equal(
            expected.Totps.Select(t => (t.Secret, string.Join(",", t.RecoveryCodes))),
            actual.Totps.Select(t => (t.Secret, string.Join(",", t.RecoveryCodes))));
        Assert.Equal(expected.MoreEmails, actual.MoreEmails);
        Assert.Equal(expected.MorePhoneNumbers, actual.MorePhoneNumbers);
    }

    public static void AssertJson(JsonNode? expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected?.ToJsonString() ?? "null"}, got {actual?.ToJsonString() ?? "null"}");

    public static JsonObject Json(string json) => JsonNode.Parse(json)!.AsObject();

    public static DateTime Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime;

    private static ImportUser Comparable(ImportUser user) =>
        user with { TrustedMetadata = null, UntrustedMetadata = null, Totps = NoTotps, MoreEmails = NoAddresses, MorePhoneNumbers = NoAddresses, OAuthIdentities = NoIdentities };

    private static readonly ImportedTotp[] NoTotps = [];

    private static readonly ImportedAddress[] NoAddresses = [];

    // Linked accounts are checked by the tests of each preset's social sample (ImportedIdentitiesContract).
    private static readonly ImportedOAuthIdentity[] NoIdentities = [];
}

/// <summary>A file with the given content, deleted afterwards.</summary>
internal sealed class TempFile : IDisposable
{
    public TempFile(string content, string extension = ".txt")
        : this(Encoding.UTF8.GetBytes(content), extension)
    {
    }

    public TempFile(byte[] content, string extension = ".txt")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"godwit-import-{Guid.NewGuid():N}{extension}");
        File.WriteAllBytes(Path, content);
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}

/// <summary>Collects a reader's records.</summary>
internal static class Records
{
    public static async Task<List<T>> AllAsync<T>(IAsyncEnumerable<T> records)
    {
        var list = new List<T>();
        await foreach (var record in records)
        {
            list.Add(record);
        }

        return list;
    }

    public static Stream Utf8(string text, int chunk = int.MaxValue) => new TrickleStream(Encoding.UTF8.GetBytes(text), chunk);
}

/// <summary>A stream that hands out at most <c>chunk</c> bytes a read, as a pipe or a slow disk may, so records straddle reads.</summary>
internal sealed class TrickleStream(byte[] data, int chunk) : Stream
{
    private int position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = Math.Min(Math.Min(count, chunk), data.Length - position);
        Array.Copy(data, position, buffer, offset, n);
        position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
