using Godwit.Contracts.Impersonation;
using Godwit.Core.Errors;
using Godwit.Core.Impersonation;
using Godwit.Core.Sessions;
using Godwit.Server.Http;
using Godwit.Server.OpenApi;
using Godwit.Server.Sessions;
using Godwit.Server.Users;

namespace Godwit.Server.Impersonation;

/// <summary>
/// Stytch's <c>/v1/impersonation/authenticate</c>, and Godwit's own minting and audit endpoints
/// in place of Stytch's dashboard.
/// </summary>
internal static class ImpersonationEndpoints
{
    /// <summary>Here expiration_minutes is the token's, not a passcode's.</summary>
    private static readonly IReadOnlyDictionary<string, ApiError> ExpirationError = new Dictionary<string, ApiError>
    {
        ["expiration_minutes"] = ErrorCatalog.InvalidImpersonationExpiration,
    };

    public static void MapImpersonationApi(this RouteGroupBuilder v1)
    {
        var impersonation = v1.MapGroup("/impersonation");
        impersonation.MapPost("", CreateAsync).AcceptsAndReturns<CreateImpersonationRequest, CreateImpersonationResponse>();
        impersonation.MapGet("", ListAsync).Returns<ListImpersonationsResponse>().WithQuery("user_id", "The impersonated user whose grants to list.", required: true);
        impersonation.MapPost("/authenticate", AuthenticateAsync).AcceptsAndReturns<ImpersonationAuthenticateRequest, ImpersonationAuthenticateResponse>().RecordsLogin(LoginRecording.Impersonation);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, ImpersonationService impersonation, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<CreateImpersonationRequest>(request, cancellationToken, ExpirationError);
        var command = new CreateImpersonationCommand(body.UserId, body.ImpersonatorId, body.ImpersonatorEmailAddress, body.Reason, body.ExpirationMinutes);
        return ApiResults.From(await impersonation.CreateAsync(command, cancellationToken), minted => new CreateImpersonationResponse(
            minted.Record.ImpersonationId, minted.Record.UserId, minted.Token, SessionJwts.Rfc3339(minted.Record.ExpiresAt)));
    }

    private static async Task<IResult> ListAsync(HttpRequest request, ImpersonationService impersonation, CancellationToken cancellationToken)
    {
        await WireRequest.RefuseMalformedAsync(request, cancellationToken);
        var userId = request.Query["user_id"].ToString();
        if (string.IsNullOrEmpty(userId))
        {
            return ApiResults.Error(ErrorCatalog.InvalidUserId.WithMessage("Pass the user_id query parameter."));
        }

        return ApiResults.From(await impersonation.ListAsync(userId, cancellationToken), list => new ListImpersonationsResponse(list.Select(ToWire).ToList()));
    }

    private static async Task<IResult> AuthenticateAsync(HttpRequest request, ImpersonationService impersonation, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<ImpersonationAuthenticateRequest>(request, cancellationToken);
        return ApiResults.From(await impersonation.AuthenticateAsync(body.ImpersonationToken, cancellationToken), impersonated => new ImpersonationAuthenticateResponse(
            impersonated.User.UserId,
            UserWireMapper.ToWire(impersonated.User, clock.GetUtcNow().UtcDateTime),
            impersonated.Session.SessionToken,
            impersonated.Session.SessionJwt,
            SessionWireMapper.ToWire(impersonated.Session.Session)));
    }

    private static ImpersonationWire ToWire(ImpersonationGrant grant) => new(
        grant.ImpersonationId,
        grant.UserId,
        grant.ImpersonatorId,
        grant.ImpersonatorEmailAddress,
        grant.Reason,
        SessionJwts.Rfc3339(grant.CreatedAt),
        SessionJwts.Rfc3339(grant.ExpiresAt),
        grant.UsedAt is { } used ? SessionJwts.Rfc3339(used) : null,
        grant.SessionId);
}
