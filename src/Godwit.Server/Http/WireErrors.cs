using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Godwit.Core.Errors;

namespace Godwit.Server.Http;

/// <summary>
/// The error each wire field gets when it is missing or of the wrong type, by its snake_case name
/// (a nested field as <c>name.first_name</c>, an array's elements as <c>emails[]</c>). A field
/// means the same on every endpoint; the few that differ say so where they read the body. A nested
/// field not listed takes its parent's error, and a field nowhere listed a plain
/// <c>bad_request</c> naming it and the type it must have.
/// </summary>
internal static class WireErrors
{
    private static readonly FrozenDictionary<string, ApiError> Table = new Dictionary<string, ApiError>
    {
        ["email"] = ErrorCatalog.InvalidEmail,
        ["phone_number"] = ErrorCatalog.InvalidPhoneNumber,
        ["name"] = ErrorCatalog.InvalidName,
        ["trusted_metadata"] = ErrorCatalog.InvalidMetadata,
        ["untrusted_metadata"] = ErrorCatalog.InvalidMetadata,
        ["external_id"] = ErrorCatalog.InvalidExternalId,
        ["emails"] = ErrorCatalog.InvalidEmail.WithMessage("emails must be an array of at most 10 objects with email."),
        ["emails[]"] = ErrorCatalog.InvalidEmail.WithMessage("Each entry of emails must be an object with a string email."),
        ["phone_numbers"] = ErrorCatalog.InvalidPhoneNumber.WithMessage("phone_numbers must be an array of at most 10 objects with phone_number."),
        ["phone_numbers[]"] = ErrorCatalog.InvalidPhoneNumber.WithMessage("Each entry of phone_numbers must be an object with a string phone_number."),
        ["user_id"] = ErrorCatalog.InvalidUserId,
        ["session_id"] = ErrorCatalog.InvalidSessionId,
        ["session_token"] = ErrorCatalog.InvalidSessionToken,
        ["session_jwt"] = ErrorCatalog.InvalidSessionJwt,
        ["session_duration_minutes"] = ErrorCatalog.InvalidSessionDuration,
        ["password"] = NonEmpty(ErrorCatalog.InvalidPassword, "password"),
        ["existing_password"] = NonEmpty(ErrorCatalog.InvalidPassword, "existing_password"),
        ["new_password"] = NonEmpty(ErrorCatalog.InvalidPassword, "new_password"),
        ["hash_type"] = NonEmpty(ErrorCatalog.InvalidHashType, "hash_type"),
        ["hash"] = NonEmpty(ErrorCatalog.InvalidHash, "hash"),
        ["token"] = ErrorCatalog.InvalidToken,
        ["method_id"] = ErrorCatalog.InvalidMethodId,
        ["code"] = ErrorCatalog.InvalidCode,
        ["code_challenge"] = ErrorCatalog.InvalidCodeChallenge,
        ["login_magic_link_url"] = ErrorCatalog.InvalidUrl,
        ["signup_magic_link_url"] = ErrorCatalog.InvalidUrl,
        ["invite_magic_link_url"] = ErrorCatalog.InvalidUrl,
        ["reset_password_redirect_url"] = ErrorCatalog.InvalidUrl,
        ["login_redirect_url"] = ErrorCatalog.InvalidUrl,
        ["login_expiration_minutes"] = ErrorCatalog.InvalidExpirationMinutes,
        ["signup_expiration_minutes"] = ErrorCatalog.InvalidExpirationMinutes,
        ["invite_expiration_minutes"] = ErrorCatalog.InvalidExpirationMinutes,
        ["reset_password_expiration_minutes"] = ErrorCatalog.InvalidResetExpiration,
        ["expiration_minutes"] = ErrorCatalog.InvalidOtpExpirationMinutes,
        ["attributes"] = ErrorCatalog.BadRequest.WithMessage("attributes must be an object."),
        ["options"] = ErrorCatalog.BadRequest.WithMessage("options must be an object."),
        ["domain"] = ErrorCatalog.InvalidWebAuthnDomain,
        ["user_agent"] = ErrorCatalog.InvalidUserAgent,
        ["authenticator_type"] = ErrorCatalog.InvalidAuthenticatorType,
        ["public_key_credential"] = ErrorCatalog.InvalidPublicKeyCredential.WithMessage("public_key_credential must be the credential's JSON, as a string."),
        ["public_key"] = ErrorCatalog.InvalidBiometricPublicKey,
        ["biometric_registration_id"] = ErrorCatalog.InvalidBiometricRegistrationId,
        ["signature"] = ErrorCatalog.CouldNotParseBiometricSignature,
        ["impersonation_token"] = ErrorCatalog.InvalidImpersonationToken,
        ["impersonator_id"] = ErrorCatalog.InvalidImpersonatorId,
        ["impersonator_email_address"] = ErrorCatalog.InvalidEmail.WithMessage("impersonator_email_address format is invalid."),
        ["reason"] = ErrorCatalog.InvalidImpersonationReason,
        ["totp_code"] = ErrorCatalog.InvalidTotpCode,
        ["recovery_code"] = ErrorCatalog.InvalidRecoveryCode,
        ["limit"] = ErrorCatalog.InvalidSearchLimit,
        ["cursor"] = ErrorCatalog.InvalidSearchCursor,
        ["query"] = ErrorCatalog.InvalidSearchQuery.WithMessage("query must be an object with operator and operands."),
        ["query.operator"] = ErrorCatalog.InvalidSearchQuery.WithMessage("query.operator must be \"AND\" or \"OR\"."),
        ["query.operands"] = ErrorCatalog.InvalidSearchQuery.WithMessage("query.operands must be an array."),
        ["query.operands[]"] = ErrorCatalog.InvalidSearchQuery.WithMessage("Each operand needs a string filter_name."),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The error for <paramref name="name"/>, a field of <paramref name="type"/>.</summary>
    public static ApiError For(string name, Type type, IReadOnlyDictionary<string, ApiError>? overrides = null)
    {
        for (var field = name; field.Length > 0; field = Parent(field))
        {
            if ((overrides?.GetValueOrDefault(field) ?? Table.GetValueOrDefault(field)) is { } error)
            {
                return error;
            }
        }

        return ErrorCatalog.BadRequest.WithMessage($"{name} must be {Kind(type)}.");
    }

    /// <summary>The listed error for <paramref name="name"/>, for the checks a type cannot express (a list's length, an allowed value).</summary>
    public static ApiError For(string name) => Table[name];

    private static string Parent(string name)
    {
        var cut = Math.Max(name.LastIndexOf('.'), name.EndsWith("[]", StringComparison.Ordinal) ? name.Length - 2 : -1);
        return cut > 0 ? name[..cut] : "";
    }

    private static string Kind(Type type) =>
        type == typeof(string) ? "a string"
        : type == typeof(int) ? "an integer"
        : type == typeof(bool) ? "a boolean"
        : type.IsGenericType ? "an array"
        : type == typeof(JsonObject) || type.IsClass ? "a JSON object"
        : "valid";

    private static ApiError NonEmpty(ApiError error, string name) => error.WithMessage($"{name} must be a non-empty string.");
}
