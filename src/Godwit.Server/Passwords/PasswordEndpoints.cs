using Godwit.Contracts.Passwords;
using Godwit.Core.Errors;
using Godwit.Core.Passwords;
using Godwit.Core.Passwords.Hashing;
using Godwit.Core.Passwords.Strength;
using Godwit.Server.Http;
using Godwit.Server.OpenApi;
using Godwit.Server.Sessions;
using Godwit.Server.Users;

namespace Godwit.Server.Passwords;

internal static class PasswordEndpoints
{
    public static void MapPasswordApi(this RouteGroupBuilder v1)
    {
        var passwords = v1.MapGroup("/passwords");
        passwords.MapPost("", CreateAsync).AcceptsAndReturns<CreatePasswordRequest, CreatePasswordResponse>();
        passwords.MapPost("/authenticate", AuthenticateAsync).AcceptsAndReturns<PasswordAuthenticateRequest, PasswordSessionResponse>().RecordsLogin(LoginRecording.Password);
        passwords.MapPost("/migrate", MigrateAsync).AcceptsAndReturns<MigratePasswordRequest, MigratePasswordResponse>();
        passwords.MapPost("/strength_check", StrengthCheckAsync).AcceptsAndReturns<StrengthCheckRequest, StrengthCheckResponse>();
        passwords.MapPost("/email/reset/start", ResetStartAsync).AcceptsAndReturns<ResetStartRequest, ResetStartResponse>();
        passwords.MapPost("/email/reset", ResetByEmailAsync).AcceptsAndReturns<ResetByEmailRequest, PasswordSessionResponse>();
        passwords.MapPost("/existing_password/reset", ResetByExistingPasswordAsync).AcceptsAndReturns<ResetByExistingPasswordRequest, PasswordSessionResponse>();
        passwords.MapPost("/session/reset", ResetBySessionAsync).AcceptsAndReturns<ResetBySessionRequest, PasswordSessionResponse>();
        v1.MapDelete("/users/passwords/{passwordId}", DeleteAsync).Returns<DeletePasswordResponse>();
    }

    private static async Task<IResult> MigrateAsync(HttpRequest request, PasswordMigration passwords, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<MigratePasswordRequest>(request, cancellationToken);
        var command = new MigratePasswordCommand(
            body.Email,
            HashConfigTable.ToInput(body),
            UserEndpoints.PersonNameOf(body.Name),
            body.TrustedMetadata,
            body.UntrustedMetadata,
            body.PhoneNumber,
            body.ExternalId,
            body.SetEmailVerified ?? false,
            body.SetPhoneNumberVerified ?? false,
            body.Roles);
        return ApiResults.From(await passwords.MigrateAsync(command, cancellationToken), migrated => new MigratePasswordResponse(
            migrated.User.UserId, migrated.EmailId, migrated.UserCreated, UserWireMapper.ToWire(migrated.User, clock.GetUtcNow().UtcDateTime)));
    }

    private static async Task<IResult> AuthenticateAsync(HttpRequest request, PasswordService passwords, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<PasswordAuthenticateRequest>(request, cancellationToken);
        var result = await passwords.AuthenticateAsync(body.Email, body.Password, SessionEndpoints.SessionRequestOf(body), cancellationToken);
        return ApiResults.From(result, authenticated => SessionAnswer(authenticated, clock));
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, PasswordService passwords, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<CreatePasswordRequest>(request, cancellationToken);
        var command = new CreatePasswordCommand(
            body.Email,
            body.Password,
            SessionEndpoints.SessionRequestOf(body),
            UserEndpoints.PersonNameOf(body.Name),
            body.TrustedMetadata,
            body.UntrustedMetadata);
        return ApiResults.From(await passwords.CreateAsync(command, cancellationToken), created => new CreatePasswordResponse(
            created.User.UserId,
            created.EmailId,
            created.Session.SessionToken,
            created.Session.SessionJwt,
            UserWireMapper.ToWire(created.User, clock.GetUtcNow().UtcDateTime),
            SessionWireMapper.ToWire(created.Session.Session)));
    }

    private static async Task<IResult> StrengthCheckAsync(HttpRequest request, PasswordService passwords, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<StrengthCheckRequest>(request, cancellationToken);
        return ApiResults.From(passwords.Strength(body.Password, body.Email), ToWire);
    }

    private static async Task<IResult> ResetStartAsync(HttpRequest request, PasswordResetLinks passwords, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<ResetStartRequest>(request, cancellationToken);
        var command = new ResetStartCommand(body.Email, body.ResetPasswordRedirectUrl, body.ResetPasswordExpirationMinutes, body.CodeChallenge, body.Locale);
        return ApiResults.From(await passwords.StartResetAsync(command, cancellationToken), sent => new ResetStartResponse(sent.User.UserId, sent.EmailId));
    }

    private static async Task<IResult> ResetByEmailAsync(HttpRequest request, PasswordReset passwords, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<ResetByEmailRequest>(request, cancellationToken);
        var command = new ResetByEmailCommand(body.Token, body.Password, body.CodeVerifier, SessionEndpoints.SessionRequestOf(body));
        return ApiResults.From(await passwords.ResetByEmailAsync(command, cancellationToken), reset => SessionAnswer(reset, clock));
    }

    private static async Task<IResult> ResetByExistingPasswordAsync(HttpRequest request, PasswordReset passwords, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<ResetByExistingPasswordRequest>(request, cancellationToken);
        var command = new ResetByExistingPasswordCommand(body.Email, body.ExistingPassword, body.NewPassword, SessionEndpoints.SessionRequestOf(body));
        return ApiResults.From(await passwords.ResetByExistingPasswordAsync(command, cancellationToken), reset => SessionAnswer(reset, clock));
    }

    private static async Task<IResult> ResetBySessionAsync(HttpRequest request, PasswordReset passwords, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await WireRequest.ReadAsync<ResetBySessionRequest>(request, cancellationToken);
        if (body.SessionToken is null && body.SessionJwt is null)
        {
            return ApiResults.Error(ErrorCatalog.MissingSessionIdentifier);
        }

        if (body.Password is not { Length: > 0 } password)
        {
            return ApiResults.Error(WireErrors.For("password"));
        }

        var command = new ResetBySessionCommand(password, SessionEndpoints.SessionRequestOf(body));
        return ApiResults.From(await passwords.ResetBySessionAsync(command, cancellationToken), reset => SessionAnswer(reset, clock));
    }

    private static async Task<IResult> DeleteAsync(string passwordId, HttpRequest request, PasswordService passwords, TimeProvider clock, CancellationToken cancellationToken)
    {
        await WireRequest.RefuseMalformedAsync(request, cancellationToken);
        return ApiResults.From(await passwords.DeleteAsync(passwordId, cancellationToken), user => new DeletePasswordResponse(user.UserId, UserWireMapper.ToWire(user, clock.GetUtcNow().UtcDateTime)));
    }

    private static PasswordSessionResponse SessionAnswer(PasswordAuthenticated authenticated, TimeProvider clock) => new(
        authenticated.User.UserId,
        authenticated.Session.SessionToken,
        authenticated.Session.SessionJwt,
        UserWireMapper.ToWire(authenticated.User, clock.GetUtcNow().UtcDateTime),
        SessionWireMapper.ToWire(authenticated.Session.Session));

    private static StrengthCheckResponse ToWire(PasswordStrength strength) => new(
        strength.Valid,
        strength.Score,
        strength.Breached,
        strength.PolicyName,
        strength.BreachDetectionOnCreate,
        new StrengthFeedbackWire(
            strength.Feedback.Warning,
            strength.Feedback.Suggestions,
            strength.Feedback.LudsRequirements is { } luds
                ? new LudsRequirementsWire(luds.HasLowerCase, luds.HasUpperCase, luds.HasDigit, luds.HasSymbol, luds.MissingComplexity, luds.MissingCharacters)
                : null));
}
