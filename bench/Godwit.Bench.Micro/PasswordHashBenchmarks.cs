using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using Godwit.Contracts;
using Godwit.Core.Passwords.Hashing;

namespace Godwit.Bench.Micro;

/// <summary>
/// The CPU cost of one login's password check, per accepted hash format: the first vector of each
/// hash_type in tests/vectors/passwords/vectors.jsonl (mostly low test costs, named in the parameter),
/// plus bcrypt at the common cost 10 and Godwit's own default Argon2id for realistic reference points.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(WideParameterColumn))]
public class PasswordHashBenchmarks
{
    private StoredPasswordHash hash = null!;
    private string password = null!;

    [ParamsSource(nameof(Vectors))]
    public PasswordHashVector Vector { get; set; } = null!;

    public static IEnumerable<PasswordHashVector> Vectors()
    {
        const string Password = "correct horse battery staple";
        yield return new PasswordHashVector("bcrypt cost 10 (generated)", Password, () => Parse(new MigratedHashInput(HashTypes.Bcrypt, BCrypt.Net.BCrypt.HashPassword(Password, 10))));
        yield return new PasswordHashVector("argon_2id Godwit default m=19456KiB t=2 p=1", Password, () => new DefaultPasswordHasher(new PasswordHashingOptions()).Hash(Password));

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "vectors.jsonl")))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            var input = VectorJson.ReadHash(document.RootElement);
            if (seen.Add(input.HashType))
            {
                yield return new PasswordHashVector(VectorJson.Describe(input), document.RootElement.GetProperty("password").GetString()!, () => Parse(input));
            }
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        hash = Vector.Load();
        password = Vector.Password;

        // A vector that fails would time the early-exit path instead of a real verification.
        if (!hash.Verify(password))
        {
            throw new InvalidOperationException($"{Vector} does not verify its own password.");
        }
    }

    [Benchmark]
    public bool Verify() => hash.Verify(password);

    private static StoredPasswordHash Parse(MigratedHashInput input)
    {
        var parsed = PasswordHashParser.Parse(input, new PasswordHashLimits());
        return parsed.Succeeded ? parsed.Value : throw new InvalidOperationException($"{input.HashType} vector does not parse: {parsed.Error!.Message}");
    }

    public sealed class PasswordHashVector(string label, string password, Func<StoredPasswordHash> load)
    {
        internal string Password { get; } = password;

        internal Func<StoredPasswordHash> Load { get; } = load;

        public override string ToString() => label;
    }

    // The default 20-character parameter column would cut "pbkdf_2 sha256 1000 iterations" to "pbkdf(...)ions".
    private sealed class WideParameterColumn : ManualConfig
    {
        public WideParameterColumn() => SummaryStyle = SummaryStyle.Default.WithMaxParameterColumnWidth(60);
    }
}

/// <summary>
/// The upgrade cost at login: a successful check against a foreign or weaker hash re-hashes the
/// password with the default Argon2id. Kept apart so it is not repeated for every vector above.
/// </summary>
[MemoryDiagnoser]
public class PasswordHashUpgradeBenchmarks
{
    private readonly DefaultPasswordHasher hasher = new(new PasswordHashingOptions());

    [Benchmark]
    public Argon2idPasswordHash HashDefault() => hasher.Hash("correct horse battery staple");
}

/// <summary>The migrate endpoint's JSON-to-<see cref="MigratedHashInput"/> mapping, and a label naming each vector's cost.</summary>
internal static class VectorJson
{
    public static MigratedHashInput ReadHash(JsonElement body) => HashConfigTable.ToInput(body.Deserialize(GodwitJsonContext.Default.MigratedHashWire)!);

    /// <summary>hash_type plus the parameters that set its cost, read from the hash or its config.</summary>
    public static string Describe(MigratedHashInput input)
    {
        var hash = input.Hash;
        var parts = hash.Split('$');
        var cost = input.HashType switch
        {
            HashTypes.Bcrypt or HashTypes.DeviseBcrypt or HashTypes.BcryptSha256 when parts.Length == 4 => $"cost {int.Parse(parts[2], CultureInfo.InvariantCulture)}",
            HashTypes.Scrypt when input.ScryptConfig is { } c => $"N={c.NParameter} r={c.RParameter} p={c.PParameter}",
            HashTypes.Scrypt when parts.Length == 5 => parts[2].Replace("ln=", "N=2^", StringComparison.Ordinal).Replace(',', ' '),
            HashTypes.Argon2i or HashTypes.Argon2id when input.Argon2Config is { } c => $"m={c.Memory}KiB t={c.IterationAmount} p={c.Threads}",
            HashTypes.Md5 or HashTypes.Sha1 or HashTypes.Sha256 or HashTypes.Sha512 or HashTypes.HmacSha256 or HashTypes.HmacSha512 or HashTypes.AspNetMembership => "single digest",
            HashTypes.Pbkdf2 when input.Pbkdf2Config is { } c => $"{c.Algorithm ?? "sha256"} {c.IterationAmount} iterations",
            HashTypes.Phpass or HashTypes.Drupal7 when hash.Length > 3 => $"2^{PhpassAlphabet.IndexOf(hash[3], StringComparison.Ordinal)} rounds",
            HashTypes.FirebaseScrypt when input.FirebaseScryptConfig is { } c => $"N=2^{c.MemoryCost} r={c.Rounds} p=1",
            HashTypes.Md5Crypt or HashTypes.Apr1 => "1000 rounds",
            HashTypes.Sha256Crypt or HashTypes.Sha512Crypt => parts[2].StartsWith("rounds=", StringComparison.Ordinal) ? $"{parts[2][7..]} rounds" : "5000 rounds (default)",
            HashTypes.Ldap => $"{hash[..(hash.IndexOf('}', StringComparison.Ordinal) + 1)]} single digest",
            HashTypes.Django when parts.Length == 4 && parts[0].StartsWith("pbkdf2", StringComparison.Ordinal) => $"{parts[0]} {parts[1]} iterations",
            HashTypes.Passlib when parts.Length == 5 => $"{parts[1]} {parts[2]} iterations",
            HashTypes.AspNetIdentity => DescribeAspNetIdentity(Convert.FromBase64String(hash)),
            HashTypes.Werkzeug when parts[0].Split(':') is ["pbkdf2", var digest, var iterations] => $"pbkdf2 {digest} {iterations} iterations",
            HashTypes.Werkzeug when parts[0].Split(':') is ["scrypt", var n, var r, var p] => $"scrypt N={n} r={r} p={p}",
            HashTypes.SymfonySha512 => "5000 iterations",
            _ => "",
        };
        return $"{input.HashType} {cost}".TrimEnd();
    }

    private const string PhpassAlphabet = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static string DescribeAspNetIdentity(byte[] blob) => blob[0] == 0x00
        ? "V2 PBKDF2-SHA1 1000 iterations"
        : $"V3 PBKDF2-{BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(1)) switch { 0 => "SHA1", 1 => "SHA256", _ => "SHA512" }} {BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(5))} iterations";
}
