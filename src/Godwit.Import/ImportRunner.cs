using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Godwit.Core.Telemetry;
using Godwit.Core.Users;
using Godwit.Import.Reading;

namespace Godwit.Import;

/// <summary>What one run is asked to do.</summary>
public sealed record ImportOptions(string InputPath, string ErrorsPath, string ResultsPath, string StatePath)
{
    /// <summary>Users per commit, and so per checkpoint.</summary>
    public int BatchSize { get; init; } = 5_000;

    public bool Upsert { get; init; }

    /// <summary>Validate everything, write nothing but the errors file.</summary>
    public bool DryRun { get; init; }
}

/// <summary>Progress as the run goes: rows so far and the counts.</summary>
public interface IImportProgress
{
    void Report(ImportCheckpoint state);
}

/// <summary>
/// Reads an export through its preset, checks every row, writes valid users in batches and records
/// every outcome: created ids in the results file, refusals in the errors file (JSON Lines), and a
/// checkpoint after each commit so that a run killed at any moment resumes where it stopped.
/// </summary>
public sealed class ImportRunner(IExportPreset preset, ImportValidation validation, IBulkUserWriter target, ImportOptions options, IImportProgress progress, GodwitMetrics? metrics = null)
{
    /// <summary>
    /// Users handed to the writer at a time. A commit may span several such steps
    /// (<see cref="ImportOptions.BatchSize"/>); only these are held in memory.
    /// </summary>
    private const int UsersPerStep = 5_000;

    /// <summary>Rows read and checked, waiting for the writer, in file order.</summary>
    private sealed record Step(List<ImportRow> Rows, List<User> Users);

    /// <summary>The counts already added to <c>godwit.import.rows</c>: a resumed run counts only what it commits.</summary>
    private ImportCounts counted = new();

    public async Task<ImportCheckpoint> RunAsync(CancellationToken cancellationToken)
    {
        var input = ImportCheckpoint.Describe(options.InputPath);
        var state = (options.DryRun ? null : ImportCheckpoint.Load(options.StatePath, input)) ?? new ImportCheckpoint { Input = input };
        counted = state.Counts;
        await using var errors = OpenAt(options.ErrorsPath, state.ErrorsBytes);
        await using var results = options.DryRun ? null : OpenAt(options.ResultsPath, state.ResultsBytes);

        // Reading and checking the next steps (parsing, hash checks, new ids) runs on another core
        // while this one writes the current one; two steps in flight keep both busy without
        // holding more than that in memory.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var steps = Channel.CreateBounded<Step>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var reading = Task.Run(() => ReadStepsAsync(state.Line, steps.Writer, stop.Token), stop.Token);
        IBulkWriteTransaction? transaction = null;
        try
        {
            var uncommitted = 0;
            await foreach (var step in steps.Reader.ReadAllAsync(stop.Token))
            {
                IReadOnlyList<BulkOutcome> outcomes;
                if (options.DryRun)
                {
                    outcomes = step.Users.Select(u => (BulkOutcome)new BulkOutcome.Created(u.UserId)).ToList();
                }
                else if (step.Users.Count == 0)
                {
                    // A step of refused rows only: nothing to send.
                    outcomes = [];
                }
                else
                {
                    transaction ??= await target.BeginAsync(cancellationToken);
                    outcomes = await transaction.WriteAsync(step.Users, options.Upsert, cancellationToken);
                }

                state = Record(state, step, outcomes, errors, results);

                uncommitted += step.Users.Count;
                if (uncommitted >= options.BatchSize)
                {
                    state = await CommitAsync(state, transaction, errors, results, cancellationToken);
                    transaction = await CloseAsync(transaction);
                    uncommitted = 0;
                }

                progress.Report(state);
            }

            // Every row read and recorded: the checkpoint says so, and a second run has nothing to do.
            state = await CommitAsync(state with { Finished = true, Position = new FileInfo(options.InputPath).Length }, transaction, errors, results, cancellationToken);
        }
        catch
        {
            // A failed write stops the reader; a failed read (a file that is not the claimed format)
            // arrives here through the channel. Either way the first failure is the one reported.
            await stop.CancelAsync();
            await Task.WhenAny(reading);
            throw;
        }
        finally
        {
            // Rolls back whatever was not committed.
            await CloseAsync(transaction);
        }

        await reading;
        return state;
    }

    private static async Task<IBulkWriteTransaction?> CloseAsync(IBulkWriteTransaction? transaction)
    {
        if (transaction is not null)
        {
            await transaction.DisposeAsync();
        }

        return null;
    }

    private async Task ReadStepsAsync(long resumeAfterLine, ChannelWriter<Step> steps, CancellationToken cancellationToken)
    {
        var size = Math.Min(options.BatchSize, UsersPerStep);
        try
        {
            var step = new Step(new List<ImportRow>(size), new List<User>(size));
            await foreach (var row in preset.ReadAsync(options.InputPath, cancellationToken))
            {
                if (row.Line <= resumeAfterLine)
                {
                    continue;
                }

                User? user = null;
                step.Rows.Add(row is ImportRow.Read read ? validation.Check(read.User, out user) with { End = row.End } : row);
                if (user is not null)
                {
                    step.Users.Add(user);
                }

                if (step.Users.Count >= size)
                {
                    await steps.WriteAsync(step, cancellationToken);
                    step = new Step(new List<ImportRow>(size), new List<User>(size));
                }
            }

            if (step.Rows.Count > 0)
            {
                await steps.WriteAsync(step, cancellationToken);
            }

            steps.Complete();
        }
        catch (Exception exception)
        {
            steps.Complete(exception);
            throw;
        }
    }

    /// <summary>
    /// Appends the step's outcomes (in line order) to the files and counts them. Nothing of it is a
    /// checkpoint yet: until <see cref="CommitAsync"/>, a crash cuts the files back to the last one.
    /// </summary>
    private ImportCheckpoint Record(ImportCheckpoint state, Step step, IReadOnlyList<BulkOutcome> outcomes, FileStream errors, FileStream? results)
    {
        var (rows, users) = step;
        var counts = state.Counts;
        var hashTypes = new Dictionary<string, long>(state.HashTypes);
        var next = 0;
        foreach (var row in rows)
        {
            switch (row)
            {
                case ImportRow.Refused refused:
                    Append(errors, new { line = refused.Line, legacy_id = refused.LegacyId, error_type = refused.ErrorType, message = refused.Message });
                    counts = counts with { Failed = counts.Failed + 1 };
                    break;
                case ImportRow.Read read:
                    var user = users[next];
                    var outcome = outcomes[next++];
                    // TOTPs are written only with a user the batch creates: an existing user keeps
                    // whatever second factors they have.
                    var totpsImported = outcome is BulkOutcome.Created && !options.DryRun ? user.Totps.Count : 0;
                    var totpsDropped = read.User.Totps.Count - totpsImported;
                    // Linked accounts are counted with the users created; a target that cannot
                    // store them (Stytch's API) drops them, named per user like TOTPs.
                    var identitiesLinked = outcome is BulkOutcome.Created && !options.DryRun && target.KeepsOAuthIdentities ? user.OAuthRegistrations.Count : 0;
                    var identitiesDropped = target.KeepsOAuthIdentities || outcome is BulkOutcome.Conflict ? 0 : user.OAuthRegistrations.Count;
                    counts = Count(counts, outcome) with
                    {
                        TotpsImported = counts.TotpsImported + totpsImported,
                        TotpsDropped = counts.TotpsDropped + totpsDropped,
                        IdentitiesLinked = counts.IdentitiesLinked + identitiesLinked,
                        IdentitiesDropped = counts.IdentitiesDropped + identitiesDropped,
                    };
                    if (outcome is BulkOutcome.Conflict conflict)
                    {
                        Append(errors, new { line = read.Line, legacy_id = read.User.LegacyId, error_type = conflict.ErrorType, message = conflict.Message });
                        break;
                    }

                    var type = user.Password?.HashType ?? "none";
                    hashTypes[type] = hashTypes.GetValueOrDefault(type) + 1;
                    if (results is not null)
                    {
                        // Named per user, so that whoever runs the import knows who must enrol or link again.
                        Append(results, new ResultLine(read.Line, read.User.LegacyId, UserIdOf(outcome), NameOf(outcome))
                        {
                            TotpsDropped = totpsDropped > 0 ? totpsDropped : null,
                            IdentitiesDropped = identitiesDropped > 0 ? identitiesDropped : null,
                        });
                    }

                    break;
            }
        }

        return state with { Line = rows[^1].Line, Position = rows[^1].End, Counts = counts, HashTypes = hashTypes };
    }

    /// <summary>
    /// Commits the writes, then flushes both files to disk, then saves the checkpoint: in that
    /// order, a crash can lose outcomes only together with the checkpoint that would have skipped them.
    /// </summary>
    private async Task<ImportCheckpoint> CommitAsync(ImportCheckpoint state, IBulkWriteTransaction? transaction, FileStream errors, FileStream? results, CancellationToken cancellationToken)
    {
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        errors.Flush(flushToDisk: true);
        results?.Flush(flushToDisk: true);
        state = state with { ErrorsBytes = errors.Position, ResultsBytes = results?.Position ?? 0 };
        if (!options.DryRun)
        {
            state.Save(options.StatePath);
            CountCommitted(state.Counts);
        }

        return state;
    }

    /// <summary>Adds what this commit made durable to the import-rows counter, by outcome.</summary>
    private void CountCommitted(ImportCounts now)
    {
        if (metrics is not null)
        {
            metrics.ImportRows("created", now.Created - counted.Created);
            metrics.ImportRows("updated", now.Updated - counted.Updated);
            metrics.ImportRows("skipped", now.Skipped - counted.Skipped);
            metrics.ImportRows("failed", now.Failed - counted.Failed);
        }

        counted = now;
    }

    private static ImportCounts Count(ImportCounts counts, BulkOutcome outcome) => outcome switch
    {
        BulkOutcome.Created => counts with { Created = counts.Created + 1 },
        BulkOutcome.Updated => counts with { Updated = counts.Updated + 1 },
        BulkOutcome.Matched => counts with { Skipped = counts.Skipped + 1 },
        _ => counts with { Failed = counts.Failed + 1 },
    };

    private static string UserIdOf(BulkOutcome outcome) => outcome switch
    {
        BulkOutcome.Created created => created.UserId,
        BulkOutcome.Updated updated => updated.UserId,
        BulkOutcome.Matched matched => matched.UserId,
        _ => "",
    };

    private static string NameOf(BulkOutcome outcome) => outcome switch
    {
        BulkOutcome.Created => "created",
        BulkOutcome.Updated => "updated",
        _ => "skipped",
    };

    /// <summary>
    /// The files are for people and tools to read, never for a browser: an apostrophe or a '+' in a
    /// message or a legacy id stays as it is rather than becoming \u0027 or \u002B.
    /// </summary>
    private static readonly JsonSerializerOptions LineJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Opens a results or errors file for appending, cut back to what the checkpoint recorded.</summary>
    private static FileStream OpenAt(string path, long length)
    {
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
        stream.SetLength(Math.Min(length, stream.Length));
        stream.Position = stream.Length;
        return stream;
    }

    private static void Append<T>(FileStream stream, T line)
    {
        JsonSerializer.Serialize(stream, line, LineJson);
        stream.WriteByte((byte)'\n');
    }

    /// <summary>A results file line; the dropped counts only where something was dropped.</summary>
    private sealed record ResultLine(
        [property: JsonPropertyName("line")] long Line,
        [property: JsonPropertyName("legacy_id")] string? LegacyId,
        [property: JsonPropertyName("user_id")] string UserId,
        [property: JsonPropertyName("outcome")] string Outcome)
    {
        [JsonPropertyName("totps_dropped")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public int? TotpsDropped { get; init; }

        [JsonPropertyName("identities_dropped")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public int? IdentitiesDropped { get; init; }
    }
}
