using Godwit.Contracts.Passwords;
using Godwit.Core.Errors;
using Godwit.Core.Passwords;
using Godwit.Core.Passwords.Hashing;
using Godwit.Core.Passwords.Strength;
using Godwit.Server.Http;
using Godwit.Server.MagicLinks;
using Godwit.Server.Sessions;
using Godwit.Server.Users;

namespace Godwit.Server.Passwords;

internal static class PasswordEndpoints
{
    public static void MapPasswordApi(this RouteGroupBuilder v1)
    {
        var passwords = v1.MapGroup("/passwords");
        passwords.MapPost("", CreateAsync);
        passwords.MapPost("/authenticate", AuthenticateAsync);
        passwords.MapPost("/migrate", MigrateAsync);
        passwords.MapPost("/strength_check", StrengthCheckAsync);
        passwords.MapPost("/email/reset/start", ResetStartAsync);
        passwords.MapPost("/email/reset", ResetByEmailAsync);
        passwords.MapPost("/existing_password/reset", ResetByExistingPasswordAsync);
        passwords.MapPost("/session/reset", ResetBySessionAsync);
        v1.MapDelete("/users/passwords/{passwordId}", DeleteAsync);
    }

    private static async Task<IResult> MigrateAsync(HttpRequest request, PasswordMigration passwords, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, cancellationToken);
        var command = new MigratePasswordCommand(
            body.RequiredString("email", ErrorCatalog.InvalidEmail),
            ReadHash(body),
            UserEndpoints.ReadName(body),
            body.Object("trusted_metadata", ErrorCatalog.InvalidMetadata),
            body.Object("untrusted_metadata", ErrorCatalog.InvalidMetadata),
            body.String("phone_number", ErrorCatalog.InvalidPhoneNumber),
            body.String("external_id", ErrorCatalog.InvalidExternalId),
            body.Bool("set_email_verified") ?? false,
            body.Bool("set_phone_number_verified") ?? false);
        return ApiResults.From(await passwords.MigrateAsync(command, cancellationToken), migrated => new MigratePasswordResponse(
            migrated.User.UserId, migrated.EmailId, migrated.UserCreated, UserWireMapper.ToWire(migrated.User, clock.GetUtcNow().UtcDateTime)));
    }

    private static async Task<IResult> AuthenticateAsync(HttpRequest request, PasswordService passwords, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, cancellationToken);
        body.String("telemetry_id", ErrorCatalog.BadRequest.WithMessage("telemetry_id must be a string."));
        var result = await passwords.AuthenticateAsync(
            body.RequiredString("email", ErrorCatalog.InvalidEmail),
            ReadPassword(body, "password"),
            SessionEndpoints.ReadSessionRequest(body),
            cancellationToken);
        return ApiResults.From(result, authenticated => SessionAnswer(authenticated, clock));
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, PasswordService passwords, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, cancellationToken);
        body.String("telemetry_id", ErrorCatalog.BadRequest.WithMessage("telemetry_id must be a string."));
        var command = new CreatePasswordCommand(
            body.RequiredString("email", ErrorCatalog.InvalidEmail),
            ReadPassword(body, "password"),
            SessionEndpoints.ReadSessionRequest(body),
            UserEndpoints.ReadName(body),
            body.Object("trusted_metadata", ErrorCatalog.InvalidMetadata),
            body.Object("untrusted_metadata", ErrorCatalog.InvalidMetadata));
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
        var body = await JsonBody.ReadAsync(request, cancellationToken);
        var result = passwords.Strength(ReadPassword(body, "password"), body.String("email", ErrorCatalog.InvalidEmail));
        return ApiResults.From(result, ToWire);
    }

    private static async Task<IResult> ResetStartAsync(HttpRequest request, PasswordResetLinks passwords, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, cancellationToken);
        PasswordlessRequests.ReadIgnoredFields(body);
        body.String("reset_password_template_id", ErrorCatalog.BadRequest.WithMessage("reset_password_template_id must be a string."));
        body.String("login_redirect_url", ErrorCatalog.InvalidUrl);
        var command = new ResetStartCommand(
            body.RequiredString("email", ErrorCatalog.InvalidEmail),
            body.String("reset_password_redirect_url", ErrorCatalog.InvalidUrl),
            body.Int("reset_password_expiration_minutes", ErrorCatalog.InvalidResetExpiration),
            body.String("code_challenge", ErrorCatalog.InvalidCodeChallenge));
        return ApiResults.From(await passwords.StartResetAsync(command, cancellationToken), sent => new ResetStartResponse(sent.User.UserId, sent.EmailId));
    }

    private static async Task<IResult> ResetByEmailAsync(HttpRequest request, PasswordReset passwords, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, cancellationToken);
        PasswordlessRequests.ReadIgnoredFields(body);
        var command = new ResetByEmailCommand(
            body.RequiredString("token", ErrorCatalog.InvalidToken),
            ReadPassword(body, "password"),
            body.String("code_verifier", ErrorCatalog.BadRequest.WithMessage("code_verifier must be a string.")),
            SessionEndpoints.ReadSessionRequest(body));
        return ApiResults.From(await passwords.ResetByEmailAsync(command, cancellationToken), reset => SessionAnswer(reset, clock));
    }

    private static async Task<IResult> ResetByExistingPasswordAsync(HttpRequest request, PasswordReset passwords, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, cancellationToken);
        body.String("telemetry_id", ErrorCatalog.BadRequest.WithMessage("telemetry_id must be a string."));
        var command = new ResetByExistingPasswordCommand(
            body.RequiredString("email", ErrorCatalog.InvalidEmail),
            ReadPassword(body, "existing_password"),
            ReadPassword(body, "new_password"),
            SessionEndpoints.ReadSessionRequest(body));
        return ApiResults.From(await passwords.ResetByExistingPasswordAsync(command, cancellationToken), reset => SessionAnswer(reset, clock));
    }

    private static async Task<IResult> ResetBySessionAsync(HttpRequest request, PasswordReset passwords, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, cancellationToken);
        body.String("telemetry_id", ErrorCatalog.BadRequest.WithMessage("telemetry_id must be a string."));
        var session = SessionEndpoints.ReadSessionRequest(body);
        if (session.SessionToken is null && session.SessionJwt is null)
        {
            return ApiResults.Error(ErrorCatalog.MissingSessionIdentifier);
        }

        var command = new ResetBySessionCommand(ReadPassword(body, "password"), session);
        return ApiResults.From(await passwords.ResetBySessionAsync(command, cancellationToken), reset => SessionAnswer(reset, clock));
    }

    private static async Task<IResult> DeleteAsync(string passwordId, HttpRequest request, PasswordService passwords, TimeProvider clock, CancellationToken cancellationToken)
    {
        await JsonBody.ReadAsync(request, cancellationToken);
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

    /// <summary>A password field: present, a string, not empty. Its length is judged by the service.</summary>
    private static string ReadPassword(JsonBody body, string name) =>
        body.RequiredString(name, ErrorCatalog.InvalidPassword.WithMessage($"{name} must be a non-empty string."));

    /// <summary>The hash, its type and whichever config objects came with it, each field type-checked.</summary>
    public static MigratedHashInput ReadHash(JsonBody body)
    {
        var hashType = body.RequiredString("hash_type", ErrorCatalog.InvalidHashType.WithMessage("hash_type must be a non-empty string."));
        var hash = body.RequiredString("hash", ErrorCatalog.InvalidHash.WithMessage("hash must be a non-empty string."));
        return new MigratedHashInput(hashType, hash)
        {
            Md5Config = Config(body, "md_5_config", c => new SaltedDigestConfig(Text(c, "md_5_config", "prepend_salt"), Text(c, "md_5_config", "append_salt"))),
            Sha1Config = Config(body, "sha_1_config", c => new SaltedDigestConfig(Text(c, "sha_1_config", "prepend_salt"), Text(c, "sha_1_config", "append_salt"))),
            Sha256Config = Config(body, "sha_256_config", c => new SaltedDigestConfig(Text(c, "sha_256_config", "prepend_salt"), Text(c, "sha_256_config", "append_salt"))),
            Sha512Config = Config(body, "sha_512_config", c => new SaltedDigestConfig(Text(c, "sha_512_config", "prepend_salt"), Text(c, "sha_512_config", "append_salt"))),
            Argon2Config = Config(body, "argon_2_config", c => new Argon2Config(
                Text(c, "argon_2_config", "salt"), Number(c, "argon_2_config", "iteration_amount"), Number(c, "argon_2_config", "memory"),
                Number(c, "argon_2_config", "threads"), Number(c, "argon_2_config", "key_length"))),
            ScryptConfig = Config(body, "scrypt_config", c => new ScryptConfig(
                Text(c, "scrypt_config", "salt"), Number(c, "scrypt_config", "n_parameter"), Number(c, "scrypt_config", "r_parameter"),
                Number(c, "scrypt_config", "p_parameter"), Number(c, "scrypt_config", "key_length"))),
            Pbkdf2Config = Config(body, "pbkdf_2_config", c => new Pbkdf2Config(
                Text(c, "pbkdf_2_config", "salt"), Number(c, "pbkdf_2_config", "iteration_amount"), Number(c, "pbkdf_2_config", "key_length"), Text(c, "pbkdf_2_config", "algorithm"))),
            FirebaseScryptConfig = Config(body, "firebase_scrypt_config", c => new FirebaseScryptConfig(
                Text(c, "firebase_scrypt_config", "salt"), Text(c, "firebase_scrypt_config", "salt_separator"), Text(c, "firebase_scrypt_config", "signer_key"),
                Number(c, "firebase_scrypt_config", "rounds"), Number(c, "firebase_scrypt_config", "memory_cost"))),
            AspNetMembershipConfig = Config(body, "aspnet_membership_config", c => new AspNetMembershipConfig(Text(c, "aspnet_membership_config", "salt"))),
            SymfonyConfig = Config(body, "symfony_config", c => new SymfonyConfig(Text(c, "symfony_config", "salt"))),
            DeviseConfig = Config(body, "devise_config", c => new DeviseConfig(Text(c, "devise_config", "pepper"))),
            HmacConfig = Config(body, "hmac_config", c => new HmacConfig(Text(c, "hmac_config", "key"))),
            BcryptSha256Config = Config(body, "bcrypt_sha_256_config", c => new BcryptSha256Config(Text(c, "bcrypt_sha_256_config", "pre_hash_encoding"))),
        };
    }

    private static T? Config<T>(JsonBody body, string name, Func<JsonBody, T> read)
        where T : class =>
        body.Nested(name, ErrorCatalog.BadRequest.WithMessage($"{name} must be a JSON object.")) is { } config ? read(config) : null;

    private static string? Text(JsonBody config, string configName, string field) =>
        config.String(field, ErrorCatalog.BadRequest.WithMessage($"{configName}.{field} must be a string."));

    private static int? Number(JsonBody config, string configName, string field) =>
        config.Int(field, ErrorCatalog.BadRequest.WithMessage($"{configName}.{field} must be an integer."));
}
