using System.CommandLine;

namespace Godwit.Cli.CommandLine;

/// <summary>
/// A command with its hand-written usage: what <c>--help</c> prints and what follows a mistake. The
/// text explains more than generated help could (what each check proves, where a default comes from).
/// </summary>
internal sealed class GodwitCommand(string name, string description, string usage) : Command(name, description)
{
    public string Usage { get; } = usage;

    /// <summary>The usage of the command <paramref name="result"/> ran, or of the nearest command above it that has one.</summary>
    public static string? UsageOf(System.CommandLine.Parsing.CommandResult? result)
    {
        for (var current = result; current is not null; current = current.Parent as System.CommandLine.Parsing.CommandResult)
        {
            if (current.Command is GodwitCommand command)
            {
                return command.Usage;
            }
        }

        return null;
    }

    /// <summary>A command of subcommands run without one: its usage, as a mistake.</summary>
    public static void ShowUsageWithoutSubcommand(GodwitCommand command) =>
        command.SetAction(_ =>
        {
            Console.WriteLine(command.Usage);
            return ExitCodes.Usage;
        });
}
