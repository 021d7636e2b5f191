using System.CommandLine;
using Godwit.Cli.CommandLine;
using Godwit.Cli.Migration;
using Godwit.Core.Users;
using Godwit.Import;
using Godwit.Import.Presets;
using Godwit.Import.Reading;

namespace Godwit.Cli.Import;

/// <summary>
/// <c>godwit import &lt;file&gt; --preset &lt;name&gt;</c>: loads an export straight into the Godwit
/// database the configuration names (the same settings as <c>godwit serve</c>), with or without the
/// server running.
/// </summary>
internal static class ImportCommand
{
    public const string Usage = """
        Usage: godwit import <file> --preset <name> [options] [configuration]

        Presets: auth0, firebase, cognito, supabase, aspnet-identity, stytch, generic (docs/import.md);
        a preset's own settings are given as --option <name>=<value>, for example
        --option hashes=auth0-passwords.jsonl or --option mapping=mapping.json.

        Targets:
          (default)                     Straight into the database the configuration names (below).
          --target godwit --url <url>   A running Godwit, through POST /v1/users/import.
          --target stytch --url <url>   Any Stytch-compatible API (https://api.stytch.com included), one
                                        user per request. --rate <n>/s (default 65 for stytch.com, else 200),
                                        --concurrency <n> (default 8).
          --project-id <id> --secret <secret>   Credentials for the API targets (or the environment
                                        variables GODWIT_IMPORT_PROJECT_ID and GODWIT_IMPORT_SECRET).

        Options:
          --upsert                      Update users matched by external_id or email instead of skipping them.
          --dry-run                     Check every row and write only the errors file.
          --import-totp                 Keep the TOTP secrets the export carries (Auth0's mfa_factors), sealed,
                                        for the users created; those users keep their authenticator apps.
                                        Database and godwit targets only.
          --check-password <id>:<pw>    Before writing anything, check that the user with this legacy id
                                        has a hash that accepts this password (repeatable).
          --errors <file>               Refused rows, JSON Lines (default <file>.errors.jsonl).
          --results <file>              Outcome and user_id per row, JSON Lines (default <file>.results.jsonl).
          --state <file>                Checkpoint for resuming (default <file>.import-state.json).
          --restart                     Read the file again from its first row, even when an import of it
                                        finished (rows already imported are matched, never duplicated).
          --batch-size <n>              Users per commit and checkpoint (default 50000 into a database,
                                        5000 through an API).

        The database comes from configuration, as for serve: --Godwit:Database:Provider postgres
        --Godwit:Database:ConnectionString "...", or the environment (Godwit__Database__Provider).
        Paths are relative to the current folder. Running the same command again resumes an interrupted
        import; rows already imported are matched, never duplicated. Once an import of the file has
        finished, running it again does nothing unless --restart is given.
        """;

    /// <summary>
    /// A database commit writes out every index page its users touched, in random order for legacy
    /// ids and addresses; 50,000 users per commit write each page far less often than 5,000 (SQLite
    /// imports take half the time) and hold the write lock for two to three seconds on a small machine.
    /// </summary>
    private const int DatabaseBatchSize = 50_000;

    /// <summary>Through an API every request is already durable; a smaller checkpoint step means less sent again on resume.</summary>
    private const int ApiBatchSize = 5_000;

    public static Command Create()
    {
        var command = new GodwitCommand("import", "Load exported users into the database.", Usage, takesConfiguration: true)
        {
            // Checked by the command, which says what is missing with the usage. One at most, so the
            // configuration after it is left unmatched, as configuration.
            new Argument<string?>("file") { Arity = ArgumentArity.ZeroOrOne, Description = "The export to read." },
            CommandOptions.Value("preset", $"The export's format: {string.Join(", ", ExportPresets.Names)}."),
            CommandOptions.Repeatable("option", "A preset's setting, <name>=<value>."),
            CommandOptions.Value("target", "database (the default), godwit or stytch."),
            CommandOptions.Value("url", "The API target's base URL."),
            CommandOptions.Value("project-id", "The API target's project id."),
            CommandOptions.Value("secret", "The API target's secret."),
            CommandOptions.Value("rate", "Requests per second to the stytch target."),
            CommandOptions.Value("concurrency", "Requests in flight to the stytch target."),
            CommandOptions.Flag("upsert", "Update users matched by external_id or email."),
            CommandOptions.Flag("dry-run", "Check every row and write only the errors file."),
            CommandOptions.Flag("import-totp", "Keep the TOTP secrets the export carries."),
            CommandOptions.Flag("restart", "Read the file again from its start, even after an import of it finished."),
            CommandOptions.Repeatable("check-password", "<legacy id>:<password> whose hash is checked first."),
            CommandOptions.Value("errors", "Refused rows, JSON Lines."),
            CommandOptions.Value("results", "Outcome and user_id per row, JSON Lines."),
            CommandOptions.Value("state", "Checkpoint for resuming."),
            CommandOptions.Value("batch-size", "Users per commit and checkpoint."),
        };
        command.SetAction((parsed, _) => RunAsync(CommandArguments.From(parsed), [.. parsed.UnmatchedTokens]));
        return command;
    }

    private static async Task<int> RunAsync(CommandArguments args, string[] configuration)
    {
        if (args.Positionals is not [var file])
        {
            Console.Error.WriteLine(Usage);
            return ExitCodes.Usage;
        }

        try
        {
            return await RunAsync(Path.GetFullPath(file), args, configuration);
        }
        catch (UsageException problem)
        {
            Console.Error.WriteLine($"{problem.Message}\n(godwit import --help lists the options.)");
            return ExitCodes.Usage;
        }
    }

    private static async Task<int> RunAsync(string input, CommandArguments args, string[] configuration)
    {
        if (!File.Exists(input))
        {
            Console.Error.WriteLine($"No such file: {input}");
            return ExitCodes.Usage;
        }

        var presetName = args.Value("preset");
        if (presetName is null || ExportPresets.Find(presetName) is not { } definition)
        {
            Console.Error.WriteLine($"--preset must be one of: {string.Join(", ", ExportPresets.Names)}.");
            return ExitCodes.Usage;
        }

        var presetSettings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in args.Values("option"))
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new UsageException("--option takes <name>=<value>.");
            }

            presetSettings[value[..equals]] = value[(equals + 1)..];
        }

        var checks = args.Values("check-password").Select(value => value.IndexOf(':', StringComparison.Ordinal) is var colon and > 0
            ? (value[..colon], value[(colon + 1)..])
            : throw new UsageException("--check-password takes <legacy id>:<password>.")).ToList();
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in new[] { "target", "url", "project-id", "secret", "rate", "concurrency" })
        {
            if (args.Value(name) is { } value)
            {
                settings[name] = value;
            }
        }

        IExportPreset preset;
        try
        {
            preset = definition.Create(new PresetOptions(presetSettings));
        }
        catch (PresetOptionsException problem)
        {
            Console.Error.WriteLine(problem.Message);
            return ExitCodes.Usage;
        }

        // Files named on the command line are the caller's, relative to the current folder.
        var options = new ImportOptions(
            input,
            Path.GetFullPath(args.Value("errors") ?? input + ".errors.jsonl"),
            Path.GetFullPath(args.Value("results") ?? input + ".results.jsonl"),
            Path.GetFullPath(args.Value("state") ?? input + ".import-state.json"))
        {
            BatchSize = args.Integer("batch-size", settings.GetValueOrDefault("target") is null or "database" ? DatabaseBatchSize : ApiBatchSize, 1),
            Upsert = args.Flag("upsert"),
            DryRun = args.Flag("dry-run"),
        };
        var resumeFrom = options.DryRun ? null : ImportCheckpoint.Load(options.StatePath, ImportCheckpoint.Describe(input));
        if (resumeFrom is { Finished: true } && !args.Flag("restart"))
        {
            Console.WriteLine($"The import of {input} is already complete ({ImportSummary.Describe(resumeFrom.Counts)}), nothing to do; pass --restart to read the file again.");
            return ExitCodes.Done;
        }

        if (resumeFrom is not null && args.Flag("restart"))
        {
            // From the first row again: the users already there are matched, never duplicated.
            File.Delete(options.StatePath);
            resumeFrom = null;
        }

        await using var target = await ImportTargets.OpenAsync(settings, configuration);
        if (target is null)
        {
            return ExitCodes.Usage;
        }

        // Set here, in the flow the import runs in: a value set inside OpenAsync would not flow back.
        PrefixedId.InTestEnvironment = target.MintsTestIds;

        if (checks.Count > 0 && !await PasswordChecks.PassAsync(preset, input, checks, target.HashLimits, CancellationToken.None))
        {
            return 1;
        }

        var importTotps = args.Flag("import-totp");
        if (importTotps && target.TotpKeys is null)
        {
            Console.Error.WriteLine("--import-totp needs the database or godwit target: Stytch's create and migrate endpoints take no TOTP secrets.");
            return ExitCodes.Usage;
        }

        var validation = new ImportValidation(target.HashLimits, TimeProvider.System, importTotps ? target.TotpKeys : null);
        // A dry run writes nothing, so it records nothing either.
        var events = options.DryRun ? null : target.Events;
        var importId = ImportEvents.NewImportId();
        if (events is not null)
        {
            events.RecordStarted(importId, presetName, "database", options.ErrorsPath);
            await events.CommitPendingAsync(CancellationToken.None);
        }

        using var telemetry = new ImportTelemetry(configuration);
        try
        {
            var result = await ImportProgress.ShowAsync(input, resumeFrom?.Counts.Read ?? 0, progress =>
                new ImportRunner(preset, validation, target.Writer, options, progress, telemetry.Metrics).RunAsync(CancellationToken.None));
            if (events is not null)
            {
                var counts = result.Counts;
                events.RecordFinished(importId, presetName, "database", counts.Read, counts.Created + counts.Updated, counts.Skipped, counts.Failed, options.ErrorsPath);
                await events.CommitPendingAsync(CancellationToken.None);
            }

            ImportSummary.Print(result, options);
            return 0;
        }
        catch (ImportFormatException format)
        {
            Console.Error.WriteLine($"{input}: {format.Message}");
            return 1;
        }
    }
}
