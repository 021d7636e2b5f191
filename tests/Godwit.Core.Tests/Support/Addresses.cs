using System.Globalization;
using System.Security.Cryptography;

namespace Godwit.Core.Tests.Support;

/// <summary>Addresses no other test uses, so tests share a database without sharing limits or users.</summary>
internal static class Addresses
{
    private static int nextPrefix = RandomNumberGenerator.GetInt32(20_000, 60_000);

    public static string Email() => $"{Guid.NewGuid():N}@example.com";

    /// <summary>A "+1" and five digits, the six-digit SMS prefix no other test of this run was given.</summary>
    public static string PhonePrefix() => "+1" + Interlocked.Increment(ref nextPrefix).ToString(CultureInfo.InvariantCulture);

    /// <summary>An eleven-digit North American number under the prefix.</summary>
    public static string PhoneWithPrefix(string prefix) =>
        prefix + RandomNumberGenerator.GetInt32(100_000, 1_000_000).ToString(CultureInfo.InvariantCulture)[..(12 - prefix.Length)];

    public static string Phone() => PhoneWithPrefix(PhonePrefix());
}
