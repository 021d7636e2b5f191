namespace Godwit.Core.Errors;

/// <summary>
/// Every expected failure Godwit answers with, named as Stytch names them so that code written
/// against Stytch's error types keeps working.
/// </summary>
public static class ErrorCatalog
{
    // Request shape.
    public static readonly ApiError InvalidJson = new(400, "bad_request", "The request body is not valid JSON.");
    public static readonly ApiError BadRequest = new(400, "bad_request", "The request is malformed.");
    public static readonly ApiError RequestTooLarge = new(413, "request_too_large", "The request body is larger than the server accepts.");
    public static readonly ApiError EndpointNotFound = new(404, "route_not_found", "This endpoint does not exist. Check the method and path against the API reference.");
    public static readonly ApiError MethodNotAllowed = new(405, "method_not_allowed", "This endpoint does not accept this HTTP method.");
    public static readonly ApiError TooManyRequests = new(429, "too_many_requests", "Too many requests. Slow down and retry after the time in the Retry-After header.");
    public static readonly ApiError InternalServerError = new(500, "internal_server_error", "Something went wrong on the server. The request id identifies it in the server log.");

    // Project authentication.
    public static readonly ApiError UnauthorizedCredentials = new(401, "unauthorized_credentials", "Unauthorized credentials. Authenticate with HTTP Basic auth: the project id as the user name and the secret as the password.");

    // Users.
    public static readonly ApiError InvalidUserId = new(400, "invalid_user_id", "user_id format is invalid.");
    public static readonly ApiError InvalidEmail = new(400, "invalid_email", "Email format is invalid.");
    public static readonly ApiError InvalidPhoneNumber = new(400, "invalid_phone_number", "Phone number format is invalid. Use E.164, for example +15555550123.");
    public static readonly ApiError InvalidEmailId = new(400, "invalid_email_id", "email_id format is invalid.");
    public static readonly ApiError InvalidPhoneId = new(400, "invalid_phone_id", "phone_id format is invalid.");
    public static readonly ApiError InvalidExternalId = new(400, "invalid_external_id", "external_id must be 1 to 128 printable characters without spaces.");
    public static readonly ApiError InvalidMetadata = new(400, "metadata_invalid_format", "Metadata must be a JSON object.");
    public static readonly ApiError MetadataTooLarge = new(400, "metadata_too_large", "Metadata must be at most 4096 bytes of JSON.");
    public static readonly ApiError InvalidName = new(400, "invalid_name", "Name parts must be strings of at most 1024 characters.");
    public static readonly ApiError UserNotFound = new(404, "user_not_found", "User could not be found.");
    public static readonly ApiError EmailNotFound = new(404, "email_not_found", "Email could not be found.");
    public static readonly ApiError PhoneNumberNotFound = new(404, "phone_number_not_found", "Phone number could not be found.");
    public static readonly ApiError DuplicateEmail = new(400, "duplicate_email", "A user with this email already exists.");
    public static readonly ApiError DuplicatePhoneNumber = new(400, "duplicate_phone_number", "A user with this phone number already exists.");
    public static readonly ApiError DuplicateExternalId = new(400, "duplicate_user_external_id", "A user with this external_id already exists.");
    public static readonly ApiError UnverifiedPrimaryFactor = new(400, "unverified_primary_factor", "This user's existing email or phone number is not verified. Verify it by logging in before adding another one.");

    // Users search.
    public static readonly ApiError InvalidSearchQuery = new(400, "user_search_invalid_operator", "The search query is invalid.");
    public static readonly ApiError UnknownSearchFilter = new(400, "user_search_filter_name_not_recognized", "The search filter_name is not recognized.");
    public static readonly ApiError InvalidSearchFilterValue = new(400, "user_search_invalid_filter_value", "The search filter_value has the wrong type for its filter_name.");
    public static readonly ApiError InvalidSearchCursor = new(400, "user_search_invalid_cursor", "The search cursor is invalid. Pass the next_cursor of a previous response unchanged.");
    public static readonly ApiError InvalidSearchLimit = new(400, "user_search_invalid_limit", "limit must be between 1 and 1000.");

    // One-time secrets (magic links and passcodes).
    public static readonly ApiError InvalidExpirationMinutes = new(400, "invalid_expiration", "Magic link expiration minutes must be between 5 and 10080.");
    public static readonly ApiError InvalidOtpExpirationMinutes = new(400, "invalid_expiration_otp", "expiration_minutes must be between 1 and 10 for passcodes.");
    public static readonly ApiError InvalidUrl = new(400, "invalid_url", "The URL must be an absolute http or https URL.");
    public static readonly ApiError MissingLoginUrl = new(400, "no_login_redirect_urls_set", "Pass login_magic_link_url and signup_magic_link_url, or configure Godwit:MagicLinks:DefaultLoginUrl.");
    public static readonly ApiError MagicLinkNotFound = new(404, "magic_link_not_found", "The magic link could not be authenticated: it is invalid, expired or already used. Send a new one.");
    public static readonly ApiError UnableToAuthMagicLink = new(401, "unable_to_auth_magic_link", "The magic link could not be authenticated: it is invalid, expired or already used. Send a new one.");
    public static readonly ApiError InvalidToken = new(400, "invalid_token", "The token format is invalid.");
    public static readonly ApiError InvalidCodeChallenge = new(400, "invalid_pkce_code_challenge", "code_challenge must be a base64url SHA-256 digest (43 characters).");
    public static readonly ApiError MissingCodeVerifier = new(400, "pkce_expected_code_verifier", "This magic link was sent with a code_challenge: pass the matching code_verifier.");
    public static readonly ApiError PkceDidNotExpectCodeVerifier = new(400, "pkce_did_not_expect_code_verifier", "This magic link was sent without a code_challenge: do not pass a code_verifier.");
    public static readonly ApiError PkceMismatch = new(400, "pkce_mismatch", "The code_verifier does not match the code_challenge the magic link was sent with.");
    public static readonly ApiError InviteUserAlreadyActive = new(400, "duplicate_email", "This email belongs to an active user: send a login magic link instead of an invite.");
    public static readonly ApiError InvalidMethodId = new(400, "invalid_method_id", "method_id format is invalid.");
    public static readonly ApiError OtpCodeNotFound = new(404, "otp_code_not_found", "The passcode could not be found: it is wrong, expired or already used. Send a new one.");
    public static readonly ApiError UnableToAuthOtpCode = new(401, "unable_to_auth_otp_code", "The passcode is wrong, expired or already used. Send a new one.");
    public static readonly ApiError InvalidCode = new(400, "invalid_code", "code must be 6 digits.");

    // Delivery.
    public static readonly ApiError EmailDeliveryFailed = new(503, "email_delivery_failed", "The email could not be sent. Try again later; the server log has the reason.");
    public static readonly ApiError SmsDeliveryFailed = new(503, "sms_delivery_failed", "The text message could not be sent. Try again later; the server log has the reason.");

    // Sessions.
    public static readonly ApiError SessionNotFound = new(404, "session_not_found", "Session could not be found: it is invalid, expired or revoked.");
    public static readonly ApiError InvalidSessionId = new(400, "invalid_session_id", "session_id format is invalid.");
    public static readonly ApiError InvalidSessionDuration = new(400, "invalid_session_duration_minutes", "session_duration_minutes is invalid, should be between 5 to 527040 minutes.");
    public static readonly ApiError CustomClaimsTooLarge = new(400, "custom_claims_too_large", "session_custom_claims must be at most 4096 bytes of JSON.");
    public static readonly ApiError TooManySessionArguments = new(400, "too_many_session_arguments", "Pass either a session_token or a session_jwt, not both.");
    public static readonly ApiError TooManySessionRevokeArguments = new(400, "too_many_session_revoke_arguments", "Pass exactly one of session_id, session_token or session_jwt, not several.");
    public static readonly ApiError NoSessionRevokeArguments = new(400, "no_session_revoke_arguments", "Pass exactly one of session_id, session_token or session_jwt.");
    public static readonly ApiError InvalidSessionCustomClaims = new(400, "reserved_claims_in_custom_claims", "session_custom_claims must not set reserved claims (iss, sub, aud, exp, nbf, iat, jti) or https://stytch.com/* claims.");
    public static readonly ApiError InvalidSessionToken = new(400, "invalid_session_token", "session_token format is invalid.");
    public static readonly ApiError InvalidSessionJwt = new(400, "unable_to_parse_session_jwt", "session_jwt could not be parsed or was not signed by this project.");
    public static readonly ApiError MissingSessionIdentifier = new(400, "no_session_arguments", "Pass a session_token or a session_jwt.");
    public static readonly ApiError InvalidProjectId = new(404, "project_not_found", "No project with this id is served here.");
}
