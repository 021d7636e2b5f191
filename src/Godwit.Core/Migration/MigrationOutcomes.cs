using System.Text;
using System.Text.Json.Nodes;
using Godwit.Core.Errors;
using Godwit.Core.Events;
using Godwit.Core.Users;

namespace Godwit.Core.Migration;

/// <summary>One outcome of an application's migration step, as its library reports it.</summary>
public sealed record MigrationOutcomeReport(string? UserId, string? Outcome, string? Path, string? ApplicationUserId, JsonObject? Details);

/// <summary>
/// Records the outcomes the rolling-migration library (Godwit.Migration) reports, so that telemetry
/// can count migrations by path next to logins. The names are the library's MigrationOutcome and
/// MatchedBy values in snake_case; anything else is refused, so the counts stay a closed set.
/// </summary>
public sealed class MigrationOutcomes(IUserStore users, EventLog events)
{
    public const int MaxDetailsBytes = 1024;

    public const int MaxApplicationUserIdLength = 255;

    public static readonly IReadOnlySet<string> OutcomeNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "already_linked", "linked", "created", "backfilled", "dual_written",
    };

    public static readonly IReadOnlySet<string> PathNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "godwit_user_id", "email", "phone_number", "provider_subject", "external_id", "none",
    };

    /// <summary>Checks the report completely, then records it; the event's id.</summary>
    public async Task<Result<string>> ReportAsync(MigrationOutcomeReport report, CancellationToken cancellationToken)
    {
        if (!PrefixedId.IsValid(PrefixedId.User, report.UserId))
        {
            return ErrorCatalog.InvalidUserId;
        }

        if ((report.Outcome is null && report.Path is null)
            || (report.Outcome is not null && !OutcomeNames.Contains(report.Outcome))
            || (report.Path is not null && !PathNames.Contains(report.Path)))
        {
            return ErrorCatalog.InvalidMigrationOutcome;
        }

        if (report.ApplicationUserId is { } applicationUserId
            && (applicationUserId.Length is 0 or > MaxApplicationUserIdLength || applicationUserId.Any(char.IsControl)))
        {
            return ErrorCatalog.InvalidApplicationUserId;
        }

        if (report.Details is { } details && Encoding.UTF8.GetByteCount(details.ToJsonString()) > MaxDetailsBytes)
        {
            return ErrorCatalog.InvalidMigrationDetails;
        }

        if (await users.FindForReadingAsync(report.UserId!, cancellationToken) is null)
        {
            return ErrorCatalog.UserNotFound;
        }

        // The path is what telemetry counts by: without one, the outcome stands for it.
        var payload = new JsonObject { ["path"] = report.Path ?? report.Outcome };
        if (report.Outcome is not null)
        {
            payload["outcome"] = report.Outcome;
        }

        if (report.ApplicationUserId is not null)
        {
            payload["application_user_id"] = report.ApplicationUserId;
        }

        if (report.Details is not null)
        {
            payload["details"] = report.Details.DeepClone();
        }

        return events.Record(EventTypes.MigrationReported, report.UserId, payload).EventId;
    }
}
