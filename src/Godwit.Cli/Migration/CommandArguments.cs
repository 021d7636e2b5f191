using System.Globalization;

namespace Godwit.Cli.Migration;

/// <summary>A mistake on the command line: the message says what, and the command exits with 2.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>
/// <c>--name value</c> options, <c>--flag</c> switches and positional arguments, checked against what
/// the command takes: an unknown option is refused by name rather than ignored (it is usually a typo).
/// </summary>
internal sealed class CommandArguments
{
    private readonly Dictionary<string, string> values;
    private readonly HashSet<string> flags;

    private CommandArguments(Dictionary<string, string> values, HashSet<string> flags, List<string> positionals)
    {
        this.values = values;
        this.flags = flags;
        Positionals = positionals;
    }

    public IReadOnlyList<string> Positionals { get; }

    public static CommandArguments Parse(IReadOnlyList<string> args, IReadOnlySet<string> options, IReadOnlySet<string> switches)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        var positionals = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                positionals.Add(args[i]);
                continue;
            }

            var name = args[i][2..];
            string? inline = null;
            if (name.IndexOf('=', StringComparison.Ordinal) is var equals and > 0)
            {
                (name, inline) = (name[..equals], name[(equals + 1)..]);
            }

            if (switches.Contains(name) && inline is null)
            {
                flags.Add(name);
            }
            else if (!options.Contains(name))
            {
                throw new UsageException($"Unknown option --{name}.");
            }
            else if (inline is null && (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal)))
            {
                throw new UsageException($"--{name} needs a value.");
            }
            else
            {
                values[name] = inline ?? args[++i];
            }
        }

        return new CommandArguments(values, flags, positionals);
    }

    public string? Value(string name) => values.GetValueOrDefault(name);

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
