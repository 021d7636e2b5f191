using System.Text.Json.Nodes;

namespace Godwit.Contracts.Migration;

/// <summary>
/// <c>POST /v1/migration/outcomes</c> (Godwit's own): what the rolling-migration library did for one
/// login. At least one of <see cref="Outcome"/> and <see cref="Path"/>, each one of the library's names.
/// </summary>
public sealed record ReportMigrationOutcomeRequest
{
    public string? UserId { get; init; }

    /// <summary><c>already_linked</c>, <c>linked</c>, <c>created</c>, <c>backfilled</c> or <c>dual_written</c>.</summary>
    public string? Outcome { get; init; }

    /// <summary>How the application's user was found: <c>godwit_user_id</c>, <c>email</c>, <c>phone_number</c>, <c>provider_subject</c>, <c>external_id</c> or <c>none</c>.</summary>
    public string? Path { get; init; }

    public string? ApplicationUserId { get; init; }

    /// <summary>A small JSON object of the application's own facts; never a secret.</summary>
    public JsonObject? Details { get; init; }
}

/// <summary>The recorded report: the event's id.</summary>
public sealed record ReportMigrationOutcomeResponse(string EventId) : ApiResponse;
