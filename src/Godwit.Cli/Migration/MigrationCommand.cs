using System.CommandLine;
using Godwit.Cli.CommandLine;
using Godwit.Cli.Migration.ApplicationDatabase;
using Godwit.Migration.Export;
using Godwit.Migration.Statistics;

namespace Godwit.Cli.Migration;

/// <summary><c>godwit migration status</c> and <c>godwit migration export-unseen &lt;file&gt;</c>, over the application's own database.</summary>
internal static class MigrationCommand
{
    public static readonly string Usage = $"""
        Usage: godwit migration status [--days <n>] [--json] <application database>
               godwit migration export-unseen <file> <application database>

          status          How far the rolling migration has come: application users in total, linked
                          (at login, by sign-up, backfilled, dual-written) and not yet seen, social logins
                          per provider, and per UTC day over the last --days (default 14). --json prints
                          one JSON object instead.
          export-unseen   Writes the users without a Godwit user id as JSON Lines for
                          godwit import <file> --preset generic --option mapping=<file's base>.mapping.json
                          (the mapping file is written beside it).

        {ApplicationTable.Usage}
        """;

    public static Command Create()
    {
        var status = new GodwitCommand("status", "How far the rolling migration has come.", Usage)
        {
            CommandOptions.Value("days", "Days shown per UTC day (default 14)."),
            CommandOptions.Flag("json", "One JSON object instead of tables."),
        };
        ApplicationTable.AddOptions(status);
        status.SetAction((parsed, _) => RunAsync(parsed, StatusAsync));

        // The file is checked by the command, which names the mistake better than a missing argument.
        var export = new GodwitCommand("export-unseen", "The users not yet seen, as a file for godwit import.", Usage)
        {
            new Argument<string[]>("file") { Arity = ArgumentArity.ZeroOrMore, Description = "The JSON Lines file to write." },
        };
        ApplicationTable.AddOptions(export);
        export.SetAction((parsed, _) => RunAsync(parsed, ExportAsync));

        var migration = new GodwitCommand("migration", "The rolling migration: status, export-unseen.", Usage) { status, export };
        GodwitCommand.ShowUsageWithoutSubcommand(migration);
        return migration;
    }

    private static async Task<int> RunAsync(ParseResult parsed, Func<CommandArguments, CancellationToken, Task<int>> run)
    {
        try
        {
            using var cancellation = new Cancellation();
            return await run(CommandArguments.From(parsed), cancellation.Token);
        }
        catch (UsageException problem)
        {
            Console.Error.WriteLine($"{problem.Message}\n(godwit migration --help lists the options.)");
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("Interrupted.");
            return ExitCodes.Interrupted;
        }
    }

    private static Task<int> StatusAsync(CommandArguments args, CancellationToken cancellationToken)
    {
        if (args.Positionals.Count > 0)
        {
            throw new UsageException($"Unexpected argument '{args.Positionals[0]}'.");
        }

        var work = new StatusWork(args.Integer("days", 14, 1), args.Flag("json"));
        return ApplicationServices.RunAsync(ApplicationTable.From(args), api: null, needEvents: true, work, cancellationToken);
    }

    private static Task<int> ExportAsync(CommandArguments args, CancellationToken cancellationToken)
    {
        if (args.Positionals.Count != 1)
        {
            throw new UsageException("export-unseen takes one file to write: godwit migration export-unseen <file> ...");
        }

        var path = Path.GetFullPath(args.Positionals[0]);
        if (!Directory.Exists(Path.GetDirectoryName(path)))
        {
            throw new UsageException($"No such folder: {Path.GetDirectoryName(path)}");
        }

        return ApplicationServices.RunAsync(ApplicationTable.From(args), api: null, needEvents: false, new ExportWork(path), cancellationToken);
    }

    private sealed class StatusWork(int days, bool json) : IApplicationWork
    {
        public async Task<int> RunAsync<TKey>(IServiceProvider services, CancellationToken cancellationToken)
            where TKey : notnull
        {
            await using var scope = services.CreateAsyncScope();
            var stats = await scope.ServiceProvider.GetRequiredService<IMigrationStats>().GetAsync(days, cancellationToken);
            if (json)
            {
                await using var output = Console.OpenStandardOutput();
                StatusReport.WriteJson(stats, output);
            }
            else
            {
                StatusReport.Print(stats, days);
            }

            return 0;
        }
    }

    private sealed class ExportWork(string path) : IApplicationWork
    {
        public async Task<int> RunAsync<TKey>(IServiceProvider services, CancellationToken cancellationToken)
            where TKey : notnull
        {
            await using var scope = services.CreateAsyncScope();
            var export = scope.ServiceProvider.GetRequiredService<UnseenUsersExport<ApplicationUserRow<TKey>>>();
            var result = await export.WriteAsync(path, cancellationToken);
            // Plain lines: the command below is for copying, and Spectre would wrap it at the console's width.
            Console.WriteLine($"{result.Exported:N0} users without a Godwit user id written to {result.Path}.");
            if (result.WithoutAddress > 0)
            {
                Console.WriteLine($"{result.WithoutAddress:N0} more have neither an email nor a phone number and were left out: a Godwit user needs one.");
            }

            Console.WriteLine("Import them with:");
            Console.WriteLine($"  godwit import \"{result.Path}\" --preset generic --option mapping=\"{result.MappingPath}\"");
            return 0;
        }
    }
}
