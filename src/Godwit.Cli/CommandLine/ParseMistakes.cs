using System.CommandLine;
using System.CommandLine.Parsing;

namespace Godwit.Cli.CommandLine;

/// <summary>
/// What is wrong with a command line, said as the commands say it: one line per mistake (an unknown
/// option with the option System.CommandLine finds nearest), then the command's usage; exit code 2.
/// </summary>
internal static class ParseMistakes
{
    /// <summary>Whether <paramref name="parsed"/> has a mistake: a parse error, or a token no option, argument or setting explains.</summary>
    public static bool Any(ParseResult parsed) =>
        parsed.Errors.Count > 0 || (parsed.Action == parsed.CommandResult.Command.Action && Tokens(parsed).Count > 0);

    public static int Report(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        var lines = Tokens(parsed).Select(token => Describe(command, token)).ToList();
        foreach (var error in parsed.Errors.Where(e => !parsed.UnmatchedTokens.Any(t => e.Message.Contains($"'{t}'", StringComparison.Ordinal))))
        {
            lines.Add(error.SymbolResult is OptionResult { Tokens.Count: 0 } option
                ? $"{option.IdentifierToken?.Value ?? option.Option.Name} needs a value."
                : error.Message);
        }

        foreach (var line in lines.Distinct(StringComparer.Ordinal))
        {
            Console.Error.WriteLine(line);
        }

        Console.Error.WriteLine();
        Console.Error.WriteLine(GodwitCommand.UsageOf(parsed.CommandResult) ?? GodwitCommandLine.Usage);
        return ExitCodes.Usage;
    }

    /// <summary>
    /// The tokens that are mistakes: unmatched ones that are not configuration (where the command takes
    /// it) nor the value of a mistaken option, and option-like tokens an argument took as its values
    /// (<c>godwit hook test &lt;url&gt; --secrt s</c>).
    /// </summary>
    private static List<string> Tokens(ParseResult parsed)
    {
        var unmatched = parsed.CommandResult.Command is GodwitCommand { TakesConfiguration: true }
            ? ConfigurationArguments.Mistakes(parsed.UnmatchedTokens)
            : WithoutValues(parsed.UnmatchedTokens);
        var taken = parsed.CommandResult.Children.OfType<ArgumentResult>()
            .SelectMany(argument => argument.Tokens)
            .Select(token => token.Value)
            .Where(value => value.Length > 1 && value.StartsWith('-'));
        return [.. taken, .. unmatched];
    }

    private static List<string> WithoutValues(IReadOnlyList<string> tokens) =>
        [.. tokens.Where((token, i) => i == 0 || token.StartsWith('-') || !tokens[i - 1].StartsWith('-') || tokens[i - 1].Contains('=', StringComparison.Ordinal))];

    private static string Describe(Command command, string token)
    {
        if (token.StartsWith('-'))
        {
            // --name=value is named by its name, which is what has a nearest option.
            var name = token.IndexOf('=', StringComparison.Ordinal) is > 1 and var equals ? token[..equals] : token;
            return TypoSuggestions.For(command, name) is { Count: > 0 } suggestions
                ? $"Unknown option {name}. Did you mean {string.Join(" or ", suggestions)}?"
                : command is GodwitCommand { TakesConfiguration: true }
                    ? $"Unknown option {name}. Settings go by their path, such as --Godwit:DataFolder <folder>."
                    : $"Unknown option {name}.";
        }

        if (command.Subcommands.Count > 0)
        {
            var names = string.Join(", ", command.Subcommands.Select(c => c.Name));
            return command is RootCommand ? $"Unknown command '{token}': {names}." : $"Unknown {command.Name} command '{token}': {names}.";
        }

        return $"Unexpected argument '{token}'.";
    }
}
