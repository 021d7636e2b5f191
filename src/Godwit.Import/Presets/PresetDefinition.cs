using Godwit.Import.Reading;

namespace Godwit.Import.Presets;

/// <summary>One setting a preset takes.</summary>
public sealed record PresetOption(string Name, bool Required, string Description);

/// <summary>A preset by name: what it reads, the options it takes, and how to make it.</summary>
public sealed class PresetDefinition
{
    private readonly Func<PresetOptions, IExportPreset> create;

    internal PresetDefinition(string name, string description, IReadOnlyList<PresetOption> options, Func<PresetOptions, IExportPreset> create)
    {
        Name = name;
        Description = description;
        Options = options;
        this.create = create;
    }

    public string Name { get; }

    public string Description { get; }

    public IReadOnlyList<PresetOption> Options { get; }

    /// <summary>
    /// Checks the options and makes the preset, before any record is read: an unknown option (a
    /// typo), a missing one or an unusable value throws <see cref="PresetOptionsException"/>.
    /// </summary>
    public IExportPreset Create(PresetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var name in options.Settings.Keys)
        {
            if (!Options.Any(option => option.Name == name))
            {
                throw new PresetOptionsException(Options.Count == 0
                    ? $"Preset '{Name}' takes no options; '{name}' was given."
                    : $"Preset '{Name}' has no option '{name}'; it takes {string.Join(", ", Options.Select(o => o.Name))}.");
            }
        }

        foreach (var option in Options.Where(o => o.Required))
        {
            options.Required(option.Name);
        }

        return create(options);
    }
}
