using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Godwit.Core.Legacy;

/// <summary>
/// The signature Godwit puts on every request to a legacy hook, in the manner of Stripe's and
/// Standard Webhooks': <c>Godwit-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>, where v1 is
/// HMAC-SHA256 under the hook's secret of the timestamp, a dot and the exact body bytes. Signing the
/// timestamp with the body lets a hook refuse a replayed request by its age (docs/migration.md has
/// the verification recipe; five minutes is the tolerance it recommends).
/// </summary>
public static class HookSignature
{
    public const string HeaderName = "Godwit-Signature";

    public static string Header(string secret, DateTimeOffset now, ReadOnlySpan<byte> body)
    {
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signed = new byte[timestamp.Length + 1 + body.Length];
        Encoding.ASCII.GetBytes(timestamp, signed);
        signed[timestamp.Length] = (byte)'.';
        body.CopyTo(signed.AsSpan(timestamp.Length + 1));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return $"t={timestamp},v1={Convert.ToHexStringLower(signature)}";
    }
}
