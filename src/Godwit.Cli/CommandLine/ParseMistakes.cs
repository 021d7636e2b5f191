using System.CommandLine;
using System.CommandLine.Parsing;

namespace Godwit.Cli.CommandLine;

/// <summary>What System.CommandLine found wrong, said as the commands say it, then the command's usage; exit code 2.</summary>
internal static class ParseMistakes
{
    public static int Report(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        var unmatched = parsed.UnmatchedTokens;
        var lines = unmatched.Select(token => Describe(command, token)).ToList();
        foreach (var error in parsed.Errors.Where(e => !unmatched.Any(t => e.Message.Contains($"'{t}'", StringComparison.Ordinal))))
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

    private static string Describe(Command command, string token)
    {
        if (token.StartsWith('-'))
        {
            return $"Unknown option {token}.";
        }

        if (command.Subcommands.Count > 0)
        {
            var names = string.Join(", ", command.Subcommands.Select(c => c.Name));
            return command is RootCommand ? $"Unknown command '{token}': {names}." : $"Unknown {command.Name} command '{token}': {names}.";
        }

        return $"Unexpected argument '{token}'.";
    }
}
