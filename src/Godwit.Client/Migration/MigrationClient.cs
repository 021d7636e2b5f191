using Godwit.Client.Http;
using Godwit.Contracts.Migration;

namespace Godwit.Client.Migration;

/// <summary>Godwit's own migration endpoints (Stytch has none): <c>/v1/migration</c>.</summary>
public sealed class MigrationClient
{
    private readonly ApiTransport transport;

    internal MigrationClient(ApiTransport transport) => this.transport = transport;

    /// <summary>Records what the rolling-migration step did for one login, as a <c>migration.reported</c> event.</summary>
    public Task<ReportMigrationOutcomeResponse> ReportOutcomeAsync(ReportMigrationOutcomeRequest request, CancellationToken cancellationToken = default) =>
        transport.SendAsync(HttpMethod.Post, "v1/migration/outcomes", request, WireJson.Requests.ReportMigrationOutcomeRequest, WireJson.Responses.ReportMigrationOutcomeResponse, safeToRetry: false, cancellationToken);
}
