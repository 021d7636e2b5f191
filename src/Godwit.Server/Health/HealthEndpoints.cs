using System.Text.Json;
using Godwit.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Godwit.Server.Health;

internal static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", CheckDatabaseAsync);

        // Liveness asks nothing of the database: a restart would not bring it back.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadinessChecks.Tag), ResponseWriter = WriteAsync });
    }

    /// <summary>200 when the database answers, 503 when it does not: what a load balancer needs.</summary>
    private static async Task<IResult> CheckDatabaseAsync(GodwitDbContext db, CancellationToken cancellationToken)
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
    }

    /// <summary>
    /// <c>{"status": "ok"|"unavailable", "checks": {"database": {"status": "ok"}, "migrations":
    /// {"status": "failed", "description": "2 migrations pending"}, …}}</c>: which check failed, and why.
    /// </summary>
    private static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status == HealthStatus.Healthy ? "ok" : "unavailable");
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", entry.Status == HealthStatus.Healthy ? "ok" : "failed");
            if (entry.Description is { } description)
            {
                json.WriteString("description", description);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
