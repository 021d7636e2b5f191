using System.CommandLine;
using Godwit.Cli.Import;
using Godwit.Cli.Admin;
using Godwit.Cli.Keys;
using Godwit.Cli.Migration;
using Godwit.Cli.Serve;

namespace Godwit.Cli.CommandLine;

/// <summary>
/// The <c>godwit</c> command tree: parses with System.CommandLine (so <c>--version</c>, <c>--help</c>
/// on every command and shell completion through the <c>[suggest]</c> directive come with it), says a
/// mistake on the command line in the commands' own words with exit code 2, and a setting to fix in
/// one line with exit code 1.
/// </summary>
internal static class GodwitCommandLine
{
    public const string Usage = """
        Usage: godwit <command> [options]

        Commands:
          serve    Run the HTTP server. Options are ASP.NET Core configuration, for example
                   --urls http://127.0.0.1:5000 --Godwit:Database:Provider postgres
          import   Load exported users into the database: godwit import <file> --preset <name>
                   (godwit import --help for the options)
          hook     Check a legacy password hook against Godwit's contract: godwit hook test <url> --secret <s>
                   (godwit hook --help for the options)
          backfill Give every application user without a Godwit user id one, through the API, and link
                   it in the application's database (godwit backfill --help)
          migration
                   status: how far the rolling migration has come; export-unseen <file>: the users
                   not yet seen, as a file for godwit import (godwit migration --help)
          keys     new: a new encryption key for Godwit:EncryptionKeys; reseal: move every stored
                   secret to the newest key (godwit keys --help)
          admin    create <email>: give a user access to the admin console (godwit admin --help)

        Options:
          --version   The version of godwit.
          -h, --help  This text; godwit <command> --help for a command's.

        Configuration is read from appsettings.json in the current folder, environment variables
        (Godwit__ProjectId, ...) and the command line; see docs/configuration.md. Paths are relative to
        the current folder. Exit codes: 0 done, 1 failed or a setting to fix, 2 a mistake on the command
        line, 130 interrupted (docs/cli.md).
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var root = Create();
        // A value starting with '@' (a password, a secret) is a value, not a response file to read.
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Action is not UsageHelp && ParseMistakes.Any(parsed))
        {
            return ParseMistakes.Report(parsed);
        }

        try
        {
            // Exceptions reach the catch below instead of System.CommandLine's handler, which prints a
            // stack trace; Ctrl+C and SIGTERM are the commands' own to handle (serve shuts down gracefully,
            // an import says where it stopped), not System.CommandLine's to end the process after a timeout.
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        }
        catch (Exception exception) when (ConfigurationFailure.Describe(exception) is { } line)
        {
            // A setting to fix, said in one line; a stack trace would only bury it.
            Console.Error.WriteLine(line);
            return 1;
        }
    }

    private static RootCommand Create()
    {
        var root = new RootCommand("Godwit, a self-hosted Stytch-compatible identity service.")
        {
            ServeCommand.Create(),
            ImportCommand.Create(),
            HookTestCommand.Create(),
            BackfillCommand.Create(),
            MigrationCommand.Create(),
            KeysCommand.Create(),
            AdminCommand.Create(),
        };
        root.SetAction(_ =>
        {
            Console.WriteLine(Usage);
            return ExitCodes.Usage;
        });
        UsageHelp.Install(root, Usage);
        return root;
    }
}
