namespace Godwit.Testing;

/// <summary>
/// Debian's Chromium, driven headless by the playwright-core scripts in tests/browser (a downloaded
/// browser is never used).
/// </summary>
public static class Chromium
{
    public static string ExecutablePath => Environment.GetEnvironmentVariable("CHROMIUM") ?? "/usr/bin/chromium";

    /// <summary>The Node.js project holding the browser scripts.</summary>
    public static string ScriptsFolder { get; } = Path.Combine(NodePackages.RepositoryRoot(), "tests", "browser");

    /// <summary>Why browser tests cannot run here, or null when they can.</summary>
    public static string? UnavailableReason() =>
        !File.Exists(ExecutablePath) ? $"Chromium is not installed at {ExecutablePath} (Debian package chromium)." : NodePackages.UnavailableReason;

    public static Task EnsureScriptsInstalledAsync() => NodePackages.EnsureInstalledAsync(ScriptsFolder, "playwright-core");
}
