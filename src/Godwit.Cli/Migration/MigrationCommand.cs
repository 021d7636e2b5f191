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

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" || args.Contains("--help"))
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        try
        {
            using var cancellation = new Cancellation();
            return args[0] switch
            {
                "status" => await StatusAsync(Parse(args[1..], ["days"], ["json"]), cancellation.Token),
                "export-unseen" => await ExportAsync(Parse(args[1..], [], []), cancellation.Token),
                _ => throw new UsageException($"Unknown migration command '{args[0]}': status or export-unseen."),
            };
        }
        catch (UsageException problem)
        {
            Console.Error.WriteLine($"{problem.Message}\n(godwit migration --help lists the options.)");
            return 2;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("Interrupted.");
            return 130;
        }
    }

    private static CommandArguments Parse(string[] args, string[] options, string[] switches) =>
        CommandArguments.Parse(args, new HashSet<string>([.. ApplicationTable.OptionNames, .. options]), new HashSet<string>(switches));

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
