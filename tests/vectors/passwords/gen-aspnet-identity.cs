#:package Microsoft.Extensions.Identity.Core@10.0.15
#:property TargetFramework=net10.0
#:property Nullable=enable
#:property InvariantGlobalization=true

// Known-answer vectors for hash_type "aspnet_identity", made with Microsoft's own
// PasswordHasher<TUser> (NuGet Microsoft.Extensions.Identity.Core). Writes JSON lines to stdout.
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

const string Generator = "Microsoft.Extensions.Identity.Core 10.0.15 PasswordHasher<TUser>.HashPassword";

static PasswordHasher<object> Hasher(PasswordHasherCompatibilityMode mode, int? iterations = null)
{
    var options = new PasswordHasherOptions { CompatibilityMode = mode };
    if (iterations is int n)
    {
        options.IterationCount = n;
    }
    return new PasswordHasher<object>(Options.Create(options));
}

var cases = new (string Case, PasswordHasher<object> Hasher, string Password, string Note)[]
{
    ("aspnet_identity_v2_ascii", Hasher(PasswordHasherCompatibilityMode.IdentityV2), "correct horse battery staple", "IdentityV2 (PBKDF2-HMAC-SHA1, 1000 iterations)"),
    ("aspnet_identity_v2_utf8", Hasher(PasswordHasherCompatibilityMode.IdentityV2), "pässwörd-日本", "IdentityV2 (PBKDF2-HMAC-SHA1, 1000 iterations)"),
    ("aspnet_identity_v3_default", Hasher(PasswordHasherCompatibilityMode.IdentityV3), "Tr0ub4dor&3", "IdentityV3 default options (PBKDF2-HMAC-SHA512, 100000 iterations)"),
    ("aspnet_identity_v3_iter1000_ascii", Hasher(PasswordHasherCompatibilityMode.IdentityV3, 1000), "hunter2", "IdentityV3, PasswordHasherOptions.IterationCount = 1000"),
    ("aspnet_identity_v3_iter1000_utf8", Hasher(PasswordHasherCompatibilityMode.IdentityV3, 1000), "pässwörd-日本", "IdentityV3, PasswordHasherOptions.IterationCount = 1000"),
};

var user = new object();
foreach (var c in cases)
{
    var hash = c.Hasher.HashPassword(user, c.Password);
    // Self-check with the same Microsoft hasher before emitting.
    if (c.Hasher.VerifyHashedPassword(user, hash, c.Password) == PasswordVerificationResult.Failed)
    {
        throw new InvalidOperationException($"{c.Case}: PasswordHasher does not verify its own hash");
    }
    // Utf8JsonWriter (no reflection): file-based apps are trimmed/AOT-analysed by default.
    using var buffer = new MemoryStream();
    using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
    {
        json.WriteStartObject();
        json.WriteString("case", c.Case);
        json.WriteString("hash_type", "aspnet_identity");
        json.WriteString("hash", hash);
        json.WriteString("password", c.Password);
        json.WriteString("generator", $"{Generator} ({c.Note})");
        json.WriteEndObject();
    }
    Console.Out.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n");
}
