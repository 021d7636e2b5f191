using System.CommandLine;
using Godwit.Cli.CommandLine;
using Godwit.Cli.Migration.ApplicationDatabase;
using Godwit.Server.Hosting;
using Godwit.Migration.Backfill;
using Godwit.Migration.Statistics;
using Spectre.Console;

namespace Godwit.Cli.Migration;

/// <summary>
/// <c>godwit backfill</c>: gives every application user without a Godwit user id one, through Godwit's
/// API, at a bounded rate, linking each in the application's database as it goes. Run it again after
/// any interruption: it goes on with the users still unlinked and creates nobody twice.
/// </summary>
internal static class BackfillCommand
{
    public const string ProjectIdVariable = "GODWIT_PROJECT_ID";
    public const string SecretVariable = "GODWIT_SECRET";

    public static readonly string Usage = $"""
        Usage: godwit backfill --url <Godwit URL> <application database> [options]

        Creates a Godwit user (email, phone number, name; external_id = the application's id) for every
        application user without a Godwit user id, or finds the one Godwit has, and stores its id on the
        application's row (outcome "backfilled"). Interrupted (Ctrl+C, kill -9, a crash), the same command
        goes on where it stopped: the users still without a Godwit user id; nobody is created twice.

        Godwit:
          --url <url>                   Godwit's base URL (without it the project id picks Stytch's test or
                                        live environment).
          --project-id <id> --secret <secret>   The project's credentials (or the environment variables
                                        {ProjectIdVariable} and {SecretVariable}).
        Options:
          --rate <n>                    API calls a second at most, lookups included (default 50).
          --concurrency <n>             Users in flight at once (default 8).
          --failures <file>             Write every user left unlinked, with the reason, as JSON Lines.
          --page-size <n>               Unlinked users read per query (default 500).

        {ApplicationTable.Usage}
        """;

    public static Command Create()
    {
        var command = new GodwitCommand("backfill", "Give every application user without a Godwit user id one.", Usage)
        {
            CommandOptions.Value("url", "Godwit's base URL."),
            CommandOptions.Value("project-id", $"The project id (or {ProjectIdVariable})."),
            CommandOptions.Value("secret", $"The project's secret (or {SecretVariable})."),
            CommandOptions.Value("rate", "API calls a second at most (default 50)."),
            CommandOptions.Value("concurrency", "Users in flight at once (default 8)."),
            CommandOptions.Value("failures", "A JSON Lines file of every user left unlinked, with the reason."),
            CommandOptions.Value("page-size", "Unlinked users read per query (default 500)."),
        };
        ApplicationTable.AddOptions(command);
        command.SetAction((parsed, _) => RunAsync(CommandArguments.From(parsed)));
        return command;
    }

    private static async Task<int> RunAsync(CommandArguments parsed)
    {
        try
        {
            var table = ApplicationTable.From(parsed);
            var api = Api(parsed);
            var options = new BackfillOptions
            {
                RequestsPerSecond = parsed.Number("rate", 50, 0.01),
                Concurrency = parsed.Integer("concurrency", 8, 1),
                PageSize = parsed.Integer("page-size", 500, 1),
            };
            var failures = parsed.Value("failures") is { } path ? Path.GetFullPath(path) : null;
            using var cancellation = new Cancellation();
            return await ApplicationServices.RunAsync(table, api, needEvents: true, new BackfillWork(options, failures), cancellation.Token);
        }
        catch (UsageException problem)
        {
            Console.Error.WriteLine($"{problem.Message}\n(godwit backfill --help lists the options.)");
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("Interrupted before the backfill began.");
            return ExitCodes.Interrupted;
        }
    }

    private static GodwitApi Api(CommandArguments args)
    {
        Uri? url = null;
        if (args.Value("url") is { } text && (!Uri.TryCreate(text, UriKind.Absolute, out url) || url.Scheme is not ("http" or "https")))
        {
            throw new UsageException($"--url must be an absolute http or https URL, not '{text}'.");
        }

        var projectId = args.Value("project-id") ?? FromEnvironment(ProjectIdVariable);
        var secret = args.Value("secret") ?? Environment.GetEnvironmentVariable(SecretVariable);
        return projectId is { Length: > 0 } && secret is { Length: > 0 }
            ? new GodwitApi(url, projectId, secret)
            : throw new UsageException($"The project's credentials are needed: --project-id and --secret, or {ProjectIdVariable} and {SecretVariable}.");
    }

    /// <summary>A project id from the environment is a setting: a malformed one is named as such, not sent to be refused with 401.</summary>
    private static string? FromEnvironment(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        return value is null or "" || (value.StartsWith("project-", StringComparison.Ordinal) && !value.Any(char.IsWhiteSpace))
            ? value
            : throw new ConfigurationProblemException($"{variable} must be the project's id, project-live-… or project-test-…, not '{value}': set it to the id the project's credentials name, or give --project-id.");
    }

    private sealed class BackfillWork(BackfillOptions options, string? failuresPath) : IApplicationWork
    {
        public async Task<int> RunAsync<TKey>(IServiceProvider services, CancellationToken cancellationToken)
            where TKey : notnull
        {
            long unlinked;
            await using (var scope = services.CreateAsyncScope())
            {
                unlinked = (await scope.ServiceProvider.GetRequiredService<IMigrationStats>().GetAsync(0, cancellationToken)).NotYetSeen;
            }

            Console.WriteLine($"{unlinked:N0} application users have no Godwit user id; backfilling at up to {options.RequestsPerSecond:N0} calls/s, {options.Concurrency} at once.");
            var backfill = services.GetRequiredService<MigrationBackfill<ApplicationUserRow<TKey>>>();
            var progress = new BackfillProgressLines(unlinked);
            try
            {
                var result = await backfill.RunAsync(options, progress, cancellationToken);
                BackfillSummary.Print(result, failuresPath);
                return 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Console.Error.WriteLine($"Interrupted after {progress.Last?.Examined ?? 0:N0} users. Users linked so far stay linked; run the same command again to go on.");
                return 130;
            }
            catch (BackfillStoppedException stopped)
            {
                Console.Error.WriteLine(stopped.Message);
                return 1;
            }
        }
    }
}
