using Godwit.Storage;

namespace Godwit.Server.Health;

internal static class HealthEndpoints
{
    /// <summary>200 when the database answers, 503 when it does not: what a load balancer needs.</summary>
    public static void MapHealth(this IEndpointRouteBuilder app) => app.MapGet("/health", async (GodwitDbContext db, CancellationToken cancellationToken) =>
    {
        bool reachable;
        try
        {
            reachable = await db.Database.CanConnectAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            reachable = false;
        }

        return reachable
            ? Results.Json(new Dictionary<string, string> { ["status"] = "ok" }, statusCode: StatusCodes.Status200OK)
            : Results.Json(new Dictionary<string, string> { ["status"] = "database unreachable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
    });
}
