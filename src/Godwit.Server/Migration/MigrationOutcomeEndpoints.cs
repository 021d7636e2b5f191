using Godwit.Server.OpenApi;
using Godwit.Contracts.Migration;
using Godwit.Core.Errors;
using Godwit.Core.Migration;
using Godwit.Server.Http;

namespace Godwit.Server.Migration;

/// <summary><c>POST /v1/migration/outcomes</c>: Godwit's own, where the rolling-migration library reports what its step did.</summary>
internal static class MigrationOutcomeEndpoints
{
    private static readonly Dictionary<string, ApiError> FieldErrors = new()
    {
        ["user_id"] = ErrorCatalog.InvalidUserId,
        ["outcome"] = ErrorCatalog.InvalidMigrationOutcome,
        ["path"] = ErrorCatalog.InvalidMigrationOutcome,
        ["application_user_id"] = ErrorCatalog.InvalidApplicationUserId,
        ["details"] = ErrorCatalog.InvalidMigrationDetails,
    };

    public static void MapMigrationOutcomeApi(this RouteGroupBuilder v1) => v1.MapPost("/migration/outcomes", ReportAsync).AcceptsAndReturns<ReportMigrationOutcomeRequest, ReportMigrationOutcomeResponse>();

    private static async Task<IResult> ReportAsync(HttpRequest request, MigrationOutcomes outcomes, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<ReportMigrationOutcomeRequest>(request, cancellationToken, FieldErrors);
        var report = new MigrationOutcomeReport(body.UserId, body.Outcome, body.Path, body.ApplicationUserId, body.Details);
        return ApiResults.From(await outcomes.ReportAsync(report, cancellationToken), eventId => new ReportMigrationOutcomeResponse(eventId));
    }
}
