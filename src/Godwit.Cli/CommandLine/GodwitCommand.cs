using System.CommandLine;

namespace Godwit.Cli.CommandLine;

/// <summary>
/// A command with its hand-written usage: what <c>--help</c> prints and what follows a mistake. The
/// text explains more than generated help could (what each check proves, where a default comes from).
/// </summary>
internal sealed class GodwitCommand : Command
{
    /// <param name="takesConfiguration">
    /// Takes ASP.NET Core configuration after its own options (serve, import, keys reseal): the tokens
    /// it does not declare pass on as settings, when <see cref="ConfigurationArguments"/> finds they are.
    /// </param>
    public GodwitCommand(string name, string description, string usage, bool takesConfiguration = false)
        : base(name, description)
    {
        Usage = usage;
        TakesConfiguration = takesConfiguration;
        TreatUnmatchedTokensAsErrors = !takesConfiguration;
    }

    public string Usage { get; }

    public bool TakesConfiguration { get; }

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
