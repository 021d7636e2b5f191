using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Godwit.Cli.CommandLine;

/// <summary><c>--help</c> and <c>-h</c> on any command: the usage of the command they follow.</summary>
internal sealed class UsageHelp : SynchronousCommandLineAction
{
    private readonly string rootUsage;

    private UsageHelp(string rootUsage) => this.rootUsage = rootUsage;

    /// <summary>Help wins over the other mistakes on the line, as System.CommandLine's own help does.</summary>
    public override bool ClearsParseErrors => true;

    public static void Install(RootCommand root, string rootUsage)
    {
        foreach (var help in root.Options.OfType<HelpOption>())
        {
            help.Action = new UsageHelp(rootUsage);
        }
    }

    public override int Invoke(ParseResult parseResult)
    {
        Console.WriteLine(GodwitCommand.UsageOf(parseResult.CommandResult) ?? rootUsage);
        return ExitCodes.Done;
    }
}
