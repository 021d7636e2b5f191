using System.CommandLine;
using System.CommandLine.Invocation;

namespace Godwit.Cli.CommandLine;

/// <summary>
/// The option System.CommandLine would suggest for a name a command does not know: its typo
/// corrections, the command's nearest option and subcommand names. It offers them only as text its
/// parse-error action writes, and only for a token left unmatched (an argument may have taken it), so
/// a stand-in command with the same names parses the token alone and writes them here; the lines
/// that name one of the command's symbols are the suggestions, the others its own, localised, words.
/// </summary>
internal static class TypoSuggestions
{
    public static IReadOnlyList<string> For(Command command, string name)
    {
        var standIn = new Command(command.Name) { TreatUnmatchedTokensAsErrors = true };
        foreach (var option in command.Options.Where(o => !o.Hidden))
        {
            standIn.Options.Add(new Option<string>(option.Name, [.. option.Aliases]));
        }

        foreach (var subcommand in command.Subcommands.Where(c => !c.Hidden))
        {
            var alike = new Command(subcommand.Name);
            foreach (var alias in subcommand.Aliases)
            {
                alike.Aliases.Add(alias);
            }

            standIn.Subcommands.Add(alike);
        }

        var parsed = standIn.Parse([name]);
        if (parsed.Action is not ParseErrorAction action)
        {
            return [];
        }

        action.ShowHelp = false;
        action.ShowTypoCorrections = true;
        using var written = new StringWriter();
        parsed.Invoke(new InvocationConfiguration { Output = written, Error = TextWriter.Null, EnableDefaultExceptionHandler = false });
        var names = standIn.Options.SelectMany(o => o.Aliases.Append(o.Name))
            .Concat(standIn.Subcommands.SelectMany(c => c.Aliases.Append(c.Name)))
            .ToHashSet(StringComparer.Ordinal);
        return [.. written.ToString().Split('\n', StringSplitOptions.TrimEntries).Where(names.Contains)];
    }
}
