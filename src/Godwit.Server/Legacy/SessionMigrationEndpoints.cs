using Godwit.Contracts.Sessions;
using Godwit.Core.Errors;
using Godwit.Core.Legacy;
using Godwit.Server.Http;
using Godwit.Server.Sessions;
using Godwit.Server.Users;

namespace Godwit.Server.Legacy;

internal static class SessionMigrationEndpoints
{
    /// <summary>Longest legacy token accepted; JWTs with many claims stay well below it.</summary>
    private const int MaxTokenLength = 8192;

    private static readonly ApiError InvalidLegacyToken = ErrorCatalog.InvalidSessionToken.WithMessage(
        $"session_token must be the legacy system's token: 1 to {MaxTokenLength} printable ASCII characters without spaces.");

    public static void MapSessionMigrationApi(this RouteGroupBuilder v1) => v1.MapPost("/sessions/migrate", MigrateAsync);

    private static async Task<IResult> MigrateAsync(HttpRequest request, SessionMigrationService migration, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, cancellationToken);
        body.String("telemetry_id", ErrorCatalog.BadRequest.WithMessage("telemetry_id must be a string."));
        var token = body.RequiredString("session_token", InvalidLegacyToken);
        // The token travels in an HTTP header (Authorization) or a hook's JSON body: only visible
        // ASCII can do both safely, and it is what bearer tokens and cookie values are made of.
        if (token.Length > MaxTokenLength || token.Any(c => c is < '!' or > '~'))
        {
            return ApiResults.Error(InvalidLegacyToken);
        }

        var result = await migration.MigrateAsync(
            token,
            body.Int("session_duration_minutes", ErrorCatalog.InvalidSessionDuration),
            body.Object("session_custom_claims", ErrorCatalog.BadRequest.WithMessage("session_custom_claims must be a JSON object.")),
            cancellationToken);
        return ApiResults.From(result, migrated => new MigrateSessionResponse(
            migrated.User.UserId,
            migrated.Session.SessionToken,
            migrated.Session.SessionJwt,
            UserWireMapper.ToWire(migrated.User, clock.GetUtcNow().UtcDateTime),
            SessionWireMapper.ToWire(migrated.Session.Session)));
    }
}
