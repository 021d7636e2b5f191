using Godwit.Import.Presets.Generic;

namespace Godwit.Import.Presets;

/// <summary>Every export format <c>godwit import --preset</c> knows.</summary>
public static class ExportPresets
{
    private static readonly PresetDefinition[] All =
    [
        Auth0Preset.Definition,
        FirebasePreset.Definition,
        CognitoPreset.Definition,
        SupabasePreset.Definition,
        AspNetIdentityPreset.Definition,
        StytchPreset.Definition,
        GenericPreset.Definition,
    ];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(p => p.Name)];

    public static IReadOnlyList<PresetDefinition> Definitions => All;

    /// <summary>The preset of that exact name, or null.</summary>
    public static PresetDefinition? Find(string name) => All.FirstOrDefault(p => p.Name == name);
}
