using System.Globalization;

namespace Godwit.Import.Presets;

/// <summary>
/// The settings a preset is given (<c>godwit import --option name=value</c>): paths of side files
/// and parameters the export itself does not carry, such as Firebase's hash key.
/// </summary>
public sealed record PresetOptions(IReadOnlyDictionary<string, string> Settings)
{
    public static PresetOptions None { get; } = new(new Dictionary<string, string>());

    internal string? Optional(string name) =>
        Settings.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    internal string Required(string name) =>
        Optional(name) ?? throw new PresetOptionsException($"Option '{name}' is required.");

    /// <summary>A path that must name an existing file.</summary>
    internal string? OptionalFile(string name)
    {
        var path = Optional(name);
        return path is null || File.Exists(path) ? path : throw new PresetOptionsException($"Option '{name}': no file at '{path}'.");
    }

    internal int RequiredInt(string name, int min, int max)
    {
        var text = Required(name);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new PresetOptionsException($"Option '{name}' must be a whole number from {min} to {max}, not '{text}'.");
    }

    /// <summary>Standard base64, as Firebase prints its keys: checked here so a typo fails before the first user.</summary>
    internal static string Base64(string name, string value)
    {
        var padded = value.PadRight(value.Length + ((4 - (value.Length % 4)) % 4), '=');
        Span<byte> bytes = stackalloc byte[padded.Length];
        return Convert.TryFromBase64String(padded, bytes, out var written) && written > 0
            ? value
            : throw new PresetOptionsException($"Option '{name}' is not standard base64: '{value}'.");
    }
}

/// <summary>A preset's options are missing or unusable; the message names the option and says what it needs.</summary>
public sealed class PresetOptionsException(string message) : Exception(message);
