using System.CommandLine;

namespace Godwit.Cli.CommandLine;

/// <summary>
/// Options as the commands declare them: values are text, which each command checks in its own words;
/// declared, they are completed by the shell and refused when misspelt.
/// </summary>
internal static class CommandOptions
{
    public static Option<string> Value(string name, string description) => new("--" + name) { Description = description };

    public static Option<string[]> Repeatable(string name, string description) => new("--" + name) { Description = description };

    public static Option<bool> Flag(string name, string description) => new("--" + name) { Description = description };
}
