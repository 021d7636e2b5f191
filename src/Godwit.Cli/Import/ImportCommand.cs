using System.Globalization;
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
          --batch-size <n>              Users per commit and checkpoint (default 50000 into a database,
                                        5000 through an API).

        The database comes from configuration, as for serve: --Godwit:Database:Provider postgres
        --Godwit:Database:ConnectionString "...", or the environment (Godwit__Database__Provider).
        Running the same command again resumes an interrupted import; rows already imported are matched,
        never duplicated.
        """;

    /// <summary>
    /// A database commit writes out every index page its users touched, in random order for legacy
    /// ids and addresses; 50,000 users per commit write each page far less often than 5,000 (SQLite
    /// imports take half the time) and hold the write lock for two to three seconds on a small machine.
    /// </summary>
    private const int DatabaseBatchSize = 50_000;

    /// <summary>Through an API every request is already durable; a smaller checkpoint step means less sent again on resume.</summary>
    private const int ApiBatchSize = 5_000;

    private static readonly HashSet<string> Flags = ["upsert", "dry-run", "import-totp"];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var input = Path.GetFullPath(args[0]);
        var (settings, presetSettings, checks, configuration) = Parse(args[1..]);
        if (!File.Exists(input))
        {
            Console.Error.WriteLine($"No such file: {input}");
            return 2;
        }

        if (!settings.TryGetValue("preset", out var presetName) || ExportPresets.Find(presetName) is not { } definition)
        {
            Console.Error.WriteLine($"--preset must be one of: {string.Join(", ", ExportPresets.Names)}.");
            return 2;
        }

        IExportPreset preset;
        try
        {
            preset = definition.Create(new PresetOptions(presetSettings));
        }
        catch (PresetOptionsException problem)
        {
            Console.Error.WriteLine(problem.Message);
            return 2;
        }

        var options = new ImportOptions(
            input,
            settings.GetValueOrDefault("errors") ?? input + ".errors.jsonl",
            settings.GetValueOrDefault("results") ?? input + ".results.jsonl",
            settings.GetValueOrDefault("state") ?? input + ".import-state.json")
        {
            BatchSize = settings.TryGetValue("batch-size", out var size) ? int.Parse(size, CultureInfo.InvariantCulture)
                : settings.GetValueOrDefault("target") is null or "database" ? DatabaseBatchSize : ApiBatchSize,
            Upsert = settings.ContainsKey("upsert"),
            DryRun = settings.ContainsKey("dry-run"),
        };

        await using var target = await ImportTargets.OpenAsync(settings, configuration);
        if (target is null)
        {
            return 2;
        }

        if (checks.Count > 0 && !await PasswordChecks.PassAsync(preset, input, checks, target.HashLimits, CancellationToken.None))
        {
            return 1;
        }

        var importTotps = settings.ContainsKey("import-totp");
        if (importTotps && target.TotpKeys is null)
        {
            Console.Error.WriteLine("--import-totp needs the database or godwit target: Stytch's create and migrate endpoints take no TOTP secrets.");
            return 2;
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
            var result = await ImportProgress.ShowAsync(input, progress =>
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

    /// <summary>Import options, the preset's --option values, repeated --check-password values, and the rest (configuration).</summary>
    private static (Dictionary<string, string> Settings, Dictionary<string, string> PresetSettings, List<(string LegacyId, string Password)> Checks, string[] Configuration) Parse(string[] args)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        var presetSettings = new Dictionary<string, string>(StringComparer.Ordinal);
        var checks = new List<(string, string)>();
        var configuration = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : null;
            if (name is null || name.Contains(':', StringComparison.Ordinal))
            {
                configuration.Add(args[i]);
            }
            else if (Flags.Contains(name))
            {
                settings[name] = "true";
            }
            else if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"--{name} needs a value.");
            }
            else if (name == "option")
            {
                var value = args[++i];
                var equals = value.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    throw new ArgumentException("--option takes <name>=<value>.");
                }

                presetSettings[value[..equals]] = value[(equals + 1)..];
            }
            else if (name == "check-password")
            {
                var value = args[++i];
                var colon = value.IndexOf(':', StringComparison.Ordinal);
                checks.Add(colon > 0 ? (value[..colon], value[(colon + 1)..]) : throw new ArgumentException("--check-password takes <legacy id>:<password>."));
            }
            else
            {
                settings[name] = args[++i];
            }
        }

        return (settings, presetSettings, checks, configuration.ToArray());
    }
}
