using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Godwit.Bench.Baseline;
using Microsoft.Data.Sqlite;

// The floor Godwit's session check is measured against: the same Kestrel, the same SQLite file and
// the same indexed token-hash lookup, with nothing else. One POST endpoint reads
// {"session_token": "..."}, hashes it with SHA-256 as SecretTokens.HashToken does, runs
//   SELECT ... FROM sessions WHERE token_hash = $hash AND expires_at > $now
// through plain ADO.NET (Microsoft.Data.Sqlite, pooled connections; no per-open pragmas, which a
// read needs none of) and writes the row back as snake_case JSON: the session's id, user id, times,
// factors and custom claims, about a quarter of Godwit's response. It checks no credentials, loads
// no user and signs no JWT.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, BaselineJson.Default));
var database = builder.Configuration["Database"] ?? throw new InvalidOperationException("Pass --Database <path to godwit.db>.");
var connectionString = new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadWrite, Pooling = true }.ToString();

var app = builder.Build();
app.MapGet("/health", () => "ok");
// The same lookup, and a variant that also runs Godwit's per-connection pragmas on every open,
// as Godwit's EF Core interceptor does, to measure what those cost on their own.
app.MapPost("/baseline/sessions/authenticate", (HttpRequest request, CancellationToken cancellationToken) => AuthenticateAsync(request, pragmas: false, cancellationToken));
app.MapPost("/baseline/sessions/authenticate-with-pragmas", (HttpRequest request, CancellationToken cancellationToken) => AuthenticateAsync(request, pragmas: true, cancellationToken));
app.Run();

async Task<IResult> AuthenticateAsync(HttpRequest request, bool pragmas, CancellationToken cancellationToken)
{
    var body = await JsonSerializer.DeserializeAsync(request.Body, BaselineJson.Default.AuthenticateRequest, cancellationToken);
    if (body?.SessionToken is not { Length: 43 } token)
    {
        return Results.NotFound();
    }

    var hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
    await using var connection = new SqliteConnection(connectionString);
    await connection.OpenAsync(cancellationToken);
    if (pragmas)
    {
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
    }

    await using var command = connection.CreateCommand();
    command.CommandText = """
        SELECT session_id, user_id, started_at, last_accessed_at, expires_at, factors, custom_claims
        FROM sessions WHERE token_hash = $hash AND expires_at > $now LIMIT 1
        """;
    command.Parameters.AddWithValue("$hash", hash);
    command.Parameters.AddWithValue("$now", DateTime.UtcNow);
    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
    if (!await reader.ReadAsync(cancellationToken))
    {
        return Results.NotFound();
    }

    using var factors = JsonDocument.Parse(reader.GetString(5));
    using var claims = JsonDocument.Parse(reader.GetString(6));
    var session = new SessionRow(
        reader.GetString(0),
        reader.GetString(1),
        Rfc3339(reader.GetDateTime(2)),
        Rfc3339(reader.GetDateTime(3)),
        Rfc3339(reader.GetDateTime(4)),
        factors.RootElement.Clone(),
        claims.RootElement.Clone());
    return Results.Json(new AuthenticateResponse(200, "baseline", session, token), BaselineJson.Default.AuthenticateResponse);
}

static string Rfc3339(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

namespace Godwit.Bench.Baseline
{
    internal sealed record AuthenticateRequest(string? SessionToken);

    internal sealed record SessionRow(
        string SessionId,
        string UserId,
        string StartedAt,
        string LastAccessedAt,
        string ExpiresAt,
        JsonElement AuthenticationFactors,
        JsonElement CustomClaims);

    internal sealed record AuthenticateResponse(int StatusCode, string RequestId, SessionRow Session, string SessionToken);

    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
    [JsonSerializable(typeof(AuthenticateRequest))]
    [JsonSerializable(typeof(AuthenticateResponse))]
    internal sealed partial class BaselineJson : JsonSerializerContext;
}
