using Godwit.Cli.Import;
using Godwit.Cli.Keys;
using Godwit.Cli.Migration;
using Godwit.Server;
using Godwit.Server.Hosting;

const string Usage = """
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

    Configuration is read from appsettings.json, environment variables (Godwit__ProjectId, ...)
    and the command line; see docs/configuration.md.
    """;

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(Usage);
    return args.Length == 0 ? 1 : 0;
}

try
{
    return await RunAsync(args);
}
catch (ConfigurationProblemException problem)
{
    // A setting to fix, said in one line; a stack trace would only bury it.
    Console.Error.WriteLine(problem.Message);
    return 1;
}

static async Task<int> RunAsync(string[] args)
{
    switch (args[0])
    {
        case "serve":
            var app = GodwitApp.Build(args[1..]);
            await GodwitApp.PrepareAsync(app);
            await app.RunAsync();
            return 0;
        case "import" when args.Length == 1 || args[1] is "-h" or "--help":
            Console.WriteLine(ImportCommand.Usage);
            return 0;
        case "import":
            return await ImportCommand.RunAsync(args[1..]);
        case "hook" when args.Length == 1 || args[1] is "-h" or "--help":
            Console.WriteLine(HookTestCommand.Usage);
            return 0;
        case "hook":
            return await HookTestCommand.RunAsync(args[1..]);
        case "backfill":
            return await BackfillCommand.RunAsync(args[1..]);
        case "migration":
            return await MigrationCommand.RunAsync(args[1..]);
        case "keys":
            return await KeysCommand.RunAsync(args[1..]);
        default:
            Console.Error.WriteLine($"Unknown command '{args[0]}'.\n\n{Usage}");
            return 1;
    }
}
