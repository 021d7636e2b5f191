using Godwit.Contracts.Sessions;
using Godwit.Core.Errors;
using Godwit.Core.Legacy;
using Godwit.Server.Http;
using Godwit.Server.OpenApi;
using Godwit.Server.Sessions;
using Godwit.Server.Users;

namespace Godwit.Server.Legacy;

internal static class SessionMigrationEndpoints
{
    /// <summary>Longest legacy token accepted; JWTs with many claims stay well below it.</summary>
    private const int MaxTokenLength = 8192;

    private static readonly ApiError InvalidLegacyToken = ErrorCatalog.InvalidSessionToken.WithMessage(
        $"session_token must be the legacy system's token: 1 to {MaxTokenLength} printable ASCII characters without spaces.");

    private static readonly Dictionary<string, ApiError> LegacyTokenErrors = new() { ["session_token"] = InvalidLegacyToken };

    public static void MapSessionMigrationApi(this RouteGroupBuilder v1) => v1.MapPost("/sessions/migrate", MigrateAsync).AcceptsAndReturns<MigrateSessionRequest, MigrateSessionResponse>().RecordsLogin(LoginRecording.SessionMigration);

    private static async Task<IResult> MigrateAsync(HttpRequest request, SessionMigrationService migration, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<MigrateSessionRequest>(request, cancellationToken, LegacyTokenErrors);
        var token = body.SessionToken;
        // The token travels in an HTTP header (Authorization) or a hook's JSON body: only visible
        // ASCII can do both safely, and it is what bearer tokens and cookie values are made of.
        if (token.Length > MaxTokenLength || token.Any(c => c is < '!' or > '~'))
        {
            return ApiResults.Error(InvalidLegacyToken);
        }

        var result = await migration.MigrateAsync(
            token,
            body.SessionDurationMinutes,
            body.SessionCustomClaims,
            cancellationToken);
        return ApiResults.From(result, migrated => new MigrateSessionResponse(
            migrated.User.UserId,
            migrated.Session.SessionToken,
            migrated.Session.SessionJwt,
            UserWireMapper.ToWire(migrated.User, clock.GetUtcNow().UtcDateTime),
            SessionWireMapper.ToWire(migrated.Session.Session)));
    }
}
