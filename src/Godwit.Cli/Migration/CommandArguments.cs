using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Godwit.Cli.Migration;

/// <summary>A mistake on the command line: the message says what, and the command exits with 2.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>
/// The options and arguments System.CommandLine matched for a command, by option name without its
/// dashes: the commands check values themselves, in their own words (<c>--rate must be a number …</c>).
/// </summary>
internal sealed class CommandArguments
{
    private readonly Dictionary<string, List<string>> values;
    private readonly HashSet<string> flags;

    private CommandArguments(Dictionary<string, List<string>> values, HashSet<string> flags, List<string> positionals)
    {
        this.values = values;
        this.flags = flags;
        Positionals = positionals;
    }

    public IReadOnlyList<string> Positionals { get; }

    public static CommandArguments From(ParseResult parsed)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        var positionals = new List<string>();
        foreach (var child in parsed.CommandResult.Children)
        {
            switch (child)
            {
                case OptionResult { Option: Option<bool> flag } result when !result.Implicit && result.GetValueOrDefault<bool>():
                    flags.Add(flag.Name.TrimStart('-'));
                    break;
                case OptionResult { Option: not Option<bool> } result when !result.Implicit:
                    values[result.Option.Name.TrimStart('-')] = [.. result.Tokens.Select(t => t.Value)];
                    break;
                case ArgumentResult argument:
                    positionals.AddRange(argument.Tokens.Select(t => t.Value));
                    break;
            }
        }

        return new CommandArguments(values, flags, positionals);
    }

    public string? Value(string name) => values.TryGetValue(name, out var given) && given.Count > 0 ? given[^1] : null;

    /// <summary>Every value of an option that may be given more than once, in order.</summary>
    public IReadOnlyList<string> Values(string name) => values.GetValueOrDefault(name) ?? [];

    public bool Flag(string name) => flags.Contains(name);

    /// <summary>A number of at least <paramref name="minimum"/>, or <paramref name="fallback"/> when the option is absent.</summary>
    public double Number(string name, double fallback, double minimum)
    {
        if (Value(name) is not { } text)
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= minimum && double.IsFinite(number)
            ? number
            : throw new UsageException($"--{name} must be a number of at least {minimum.ToString(CultureInfo.InvariantCulture)}, not '{text}'.");
    }

    public int Integer(string name, int fallback, int minimum)
    {
        var number = Number(name, fallback, minimum);
        return number == Math.Floor(number) && number <= int.MaxValue
            ? (int)number
            : throw new UsageException($"--{name} must be a whole number, not '{Value(name)}'.");
    }
}
