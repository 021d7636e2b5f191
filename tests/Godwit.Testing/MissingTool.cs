using System.Diagnostics.CodeAnalysis;
using Xunit;

namespace Godwit.Testing;

/// <summary>
/// The one way a test steps aside for a tool this machine lacks (PostgreSQL, Node.js and npm,
/// Chromium). On a developer's machine the test is skipped with the reason; under CI (the
/// <c>CI</c> environment variable is <c>true</c>, as CI systems and <c>.ci/run</c> set it) it fails
/// with the same reason, so a green CI run means every test, the security tests above all, really ran.
/// </summary>
public static class MissingTool
{
    /// <summary>Skips the calling test, or fails it under CI.</summary>
    [DoesNotReturn]
    public static void Skip(string reason) => Skip(reason, Environment.GetEnvironmentVariable("CI"));

    /// <summary>As <see cref="Skip(string)"/>, with the value of <c>CI</c> given rather than read, for the helper's own tests.</summary>
    [DoesNotReturn]
    internal static void Skip(string reason, string? ciVariable)
    {
        if (IsCi(ciVariable))
        {
            Assert.Fail($"{reason} (CI is set, where a missing tool fails the test instead of skipping it.)");
        }

        Assert.Skip(reason);
    }

    /// <summary>Whether a value of the <c>CI</c> variable means a CI run: <c>true</c> in any case, or <c>1</c>.</summary>
    internal static bool IsCi(string? ciVariable) =>
        string.Equals(ciVariable?.Trim(), "true", StringComparison.OrdinalIgnoreCase) || ciVariable?.Trim() == "1";
}
