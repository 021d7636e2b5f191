using System.Globalization;
using Godwit.Server.Tests.Sdk;

namespace Godwit.Server.Tests.Totps;

/// <summary>
/// TOTP codes made by otplib (npm, tests/sdk/totp.mjs), an implementation independent of the
/// Otp.NET that Godwit verifies with, so a shared misreading of RFC 6238 cannot pass unnoticed.
/// </summary>
internal static class Otplib
{
    public static async Task<string> CodeAsync(string base32Secret, DateTimeOffset at) => (await CodesAsync(base32Secret, at))[0];

    /// <summary>The codes at each instant, in order, from one run of node.</summary>
    public static async Task<IReadOnlyList<string>> CodesAsync(string base32Secret, params DateTimeOffset[] at)
    {
        await NodeProject.RequireAsync();
        string[] arguments = ["totp.mjs", base32Secret, .. at.Select(t => t.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))];
        var codes = (await NodeProject.RunAsync(arguments)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(at.Length, codes.Length);
        return codes;
    }

    /// <summary>A six-digit code that is none of <paramref name="codes"/>.</summary>
    public static string Other(params IEnumerable<string> codes) =>
        Enumerable.Range(0, 10).Select(d => new string((char)('0' + d), 6)).First(candidate => !codes.Contains(candidate));
}
