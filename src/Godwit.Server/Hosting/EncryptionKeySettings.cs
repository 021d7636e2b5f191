using Godwit.Core.Security;

namespace Godwit.Server.Hosting;

/// <summary>
/// Builds the encryption key ring from <c>Godwit:EncryptionKeys</c>, newest first: one value with the
/// keys separated by commas (handy as one environment variable), or numbered entries (a JSON array).
/// Development generates a key once and keeps it in the data folder; elsewhere the setting is required.
/// </summary>
internal static partial class EncryptionKeySettings
{
    public const string SectionName = "Godwit:EncryptionKeys";

    public static EncryptionKeyRing Resolve(IConfiguration configuration, IHostEnvironment environment, string projectSecret, DevelopmentProjectFile file, ILogger logger)
    {
        var settings = Read(configuration);
        if (settings.Count == 0)
        {
            if (!environment.IsDevelopment())
            {
                throw new ConfigurationProblemException(
                    $"{SectionName} must be set outside Development: make a key with `godwit keys new` and set it, for example as the environment variable Godwit__EncryptionKeys.");
            }

            settings = [DevelopmentKey(file, logger)];
        }

        var keys = new List<EncryptionKey>();
        foreach (var (setting, index) in settings.Select((s, i) => (s, i)))
        {
            var key = EncryptionKey.TryParse(setting, out var problem) ?? throw new ConfigurationProblemException($"{SectionName}: entry {index} {problem}.");
            if (keys.Any(k => k.Id == key.Id))
            {
                throw new ConfigurationProblemException($"{SectionName}: the id '{key.Id}' names two keys; each key needs its own id.");
            }

            keys.Add(key);
        }

        return new EncryptionKeyRing(keys, projectSecret);
    }

    /// <summary>The configured keys in order, newest first; empty entries are ignored.</summary>
    private static List<string> Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        // Children come in numeric order of their keys (0, 1, ..., 10), as the configuration orders them.
        var entries = section.GetChildren().Select(c => c.Value ?? "").Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
        if (string.IsNullOrWhiteSpace(section.Value))
        {
            return entries;
        }

        // Sources merge numbered entries by position, so a list split between two of them would
        // silently mix keys; one way, in one place, keeps the order the operator wrote.
        return entries.Count == 0
            ? section.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList()
            : throw new ConfigurationProblemException($"{SectionName} is set both as one value and as numbered entries ({SectionName}:0, ...); set it one way, in one place.");
    }

    private static string DevelopmentKey(DevelopmentProjectFile file, ILogger logger)
    {
        if (file.Read("encryption_key") is { } stored)
        {
            LogDevelopmentKey(logger, file.Path);
            return stored;
        }

        var setting = EncryptionKey.NewSetting(DateTimeOffset.UtcNow);
        file.Write(new Dictionary<string, string> { ["encryption_key"] = setting });
        // The id only: the key itself stays in the file.
        Console.WriteLine($"Created a development encryption key, {setting[..setting.IndexOf(':', StringComparison.Ordinal)]} (kept in {file.Path}).");
        return setting;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Development encryption key from {File}.")]
    private static partial void LogDevelopmentKey(ILogger logger, string file);
}
