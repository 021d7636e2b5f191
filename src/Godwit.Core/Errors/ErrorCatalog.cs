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
    // Send limits count the last rolling minute, so a minute's wait always suffices.
    public static readonly ApiError TooManyRequests = new(429, "too_many_requests", "Too many requests. Slow down and retry after the time in the Retry-After header.") { RetryAfter = TimeSpan.FromMinutes(1) };
    public static readonly ApiError InternalServerError = new(500, "internal_server_error", "Something went wrong on the server. The request id identifies it in the server log.");

    // Project authentication.
    public static readonly ApiError UnauthorizedCredentials = new(401, "unauthorized_credentials", "Unauthorized credentials. Authenticate with HTTP Basic auth: the project id as the user name and the secret as the password.");

    // Users.
    public static readonly ApiError InvalidUserId = new(400, "invalid_user_id", "user_id format is invalid.");
    public static readonly ApiError InvalidEmail = new(400, "invalid_email", "Email format is invalid.");
    public static readonly ApiError CreateUserNeedsAddress = new(400, "invalid_create_user_request", "An email or a phone_number is required.");
    public static readonly ApiError InvalidPhoneNumber = new(400, "invalid_phone_number", "Phone number format is invalid. Use E.164, for example +15555550123.");
    public static readonly ApiError InvalidEmailId = new(400, "invalid_email_id", "email_id format is invalid.");
    public static readonly ApiError InvalidPhoneId = new(400, "invalid_phone_id", "phone_id format is invalid.");
    public static readonly ApiError InvalidExternalId = new(400, "invalid_external_id", "external_id must be 1 to 128 printable characters without spaces.");
    public static readonly ApiError InvalidMetadata = new(400, "metadata_invalid_format", "Metadata must be a JSON object.");
    public static readonly ApiError MetadataTooLarge = new(400, "metadata_too_large", "Metadata must be at most 4096 bytes of JSON.");
    public static readonly ApiError InvalidName = new(400, "invalid_name", "Name parts must be strings of at most 1024 characters.");
    public static readonly ApiError UserNotFound = new(404, "user_not_found", "User could not be found.");
    public static readonly ApiError RoleNotFound = new(400, "role_not_found", "roles must name roles of the RBAC policy (Godwit:Rbac:Roles, listed by GET /v1/rbac/policy).");
    public static readonly ApiError ReservedRole = new(400, "reserved_role", "roles may not name godwit_admin: console access is granted only by godwit admin create.");
    public static readonly ApiError InvalidAuthorizationCheck = new(400, "bad_request", "authorization_check needs a non-empty resource_id and action.");
    public static readonly ApiError SessionAuthorizationDenied = new(403, "consumer_session_authorization_error", "The User is not authorized to perform the requested action on that resource.");
    public static readonly ApiError EmailNotFound = new(404, "email_not_found", "Email could not be found.");
    public static readonly ApiError PhoneNumberNotFound = new(404, "phone_number_not_found", "Phone number could not be found.");
    public static readonly ApiError DuplicateEmail = new(400, "duplicate_email", "A user with this email already exists.");
    public static readonly ApiError DuplicatePhoneNumber = new(400, "duplicate_phone_number", "A user with this phone number already exists.");
    public static readonly ApiError DuplicateExternalId = new(400, "duplicate_user_external_id", "A user with this external_id already exists.");
    public static readonly ApiError UnverifiedPrimaryFactor = new(400, "unverified_primary_factor", "This user's existing email or phone number is not verified. Verify it by logging in before adding another one.");
    public static readonly ApiError InvalidExchangePrimaryFactorFields = new(400, "invalid_exchange_primary_factor_fields", "Pass exactly one of email_address or phone_number.");
    public static readonly ApiError InvalidExchangePrimaryFactorUser = new(400, "invalid_exchange_primary_factor_user", "Only a user whose one factor is a single email or phone number can exchange it: this user has none, several, or also a password, TOTP, WebAuthn or biometric registration.");

    // Second factors (TOTP, WebAuthn, biometric keys) are enrolled only under SecondFactorEnrolment's rule.
    public static readonly ApiError SecondFactorUserNotActive = new(400, "second_factor_user_not_active", "This user is still pending. A second factor can be added only after the user's first login.");
    public static readonly ApiError SecondFactorUnverifiedPrimaryFactor = new(400, "second_factor_unverified_primary_factor", "A second factor can be added only to a user whose emails and phone numbers are all verified, and who has at least one.");

    public static readonly ApiError InvalidImportUserCount = new(400, "bulk_migrate_invalid_user_count", "users must be an array of 1 to 1000 user objects.");

    // Bulk imports (POST /v1/users/import and godwit import): Godwit's own types for a record that
    // cannot become a user. Stytch has no bulk import; these name what an export gets wrong.
    public static readonly ApiError MissingEmailAndPhone = new(400, "missing_email_and_phone", "The record has neither an email nor a phone number.");
    public static readonly ApiError InvalidImportedTotp = new(400, "invalid_totp", "The TOTP the record carries is invalid.");
    public static readonly ApiError InvalidImportRecord = new(400, "invalid_record", "A required field of the record is missing, or a field cannot be read.");
    public static readonly ApiError DisabledImportUser = new(400, "disabled_user", "The legacy system disabled this user; importing it would quietly re-enable the account.");
    public static readonly ApiError AmbiguousPasswordHash = new(400, "ambiguous_password_hash", "The export holds more than one password hash for this user; none is taken.");
    // A linked social identity an import brings (see ImportedOAuthIdentity).
    public static readonly ApiError InvalidImportedProviders = new(400, "invalid_providers", "providers must be an array of at most 32 objects, each with provider_type and provider_subject strings.");
    public static readonly ApiError InvalidImportedProviderType = new(400, "invalid_provider_type", "An imported identity's provider_type must be 1 to 32 characters without spaces.");
    public static readonly ApiError InvalidImportedProviderSubject = new(400, "invalid_provider_subject", "An imported identity's provider_subject must be 1 to 255 characters without control characters.");
    public static readonly ApiError InvalidImportedProfilePictureUrl = new(400, "invalid_profile_picture_url", "An imported identity's profile_picture_url must be an http or https URL.");
    public static readonly ApiError InvalidImportedLocale = new(400, "invalid_locale", "An imported identity's locale must be at most 35 characters.");
    public static readonly ApiError DuplicateOAuthRegistration = new(400, "duplicate_oauth_registration", "Another user is already linked to this provider account.");

    // Users search.
    public static readonly ApiError InvalidSearchQuery = new(400, "user_search_invalid_operator", "The search query is invalid.");
    public static readonly ApiError UnknownSearchFilter = new(400, "user_search_filter_name_not_recognized", "The search filter_name is not recognized.");
    public static readonly ApiError InvalidSearchFilterValue = new(400, "user_search_invalid_filter_value", "The search filter_value has the wrong type for its filter_name.");
    public static readonly ApiError InvalidSearchCursor = new(400, "user_search_invalid_cursor", "The search cursor is invalid. Pass the next_cursor of a previous response unchanged.");
    public static readonly ApiError InvalidSearchLimit = new(400, "user_search_invalid_limit", "limit must be between 1 and 1000.");

    // The event log (GET /v1/events).
    public static readonly ApiError InvalidEventType = new(400, "invalid_event_type", "types must be a comma-separated list of event types Godwit records, such as user.created,password.reset.");
    public static readonly ApiError InvalidEventTime = new(400, "invalid_time", "since and until must be RFC 3339 timestamps with an offset, such as 2026-01-31T12:00:00Z.");
    public static readonly ApiError InvalidEventLimit = new(400, "invalid_limit", "limit must be a whole number between 1 and 1000.");
    public static readonly ApiError InvalidEventCursor = new(400, "invalid_cursor", "The cursor is invalid. Pass the next_cursor of a previous response unchanged.");
    public static readonly ApiError InvalidEventQueryParameter = new(400, "invalid_query_parameter", "Only user_id, types, since, until, limit and cursor may be passed, each at most once.");

    // Passwords.
    public static readonly ApiError PasswordAlreadyExists = new(400, "password_already_exists", "This user already has a password. Reset it instead of migrating another.");
    public static readonly ApiError DuplicatePassword = new(400, "password_already_exists", "Another request gave this user a password at the same moment.");
    public static readonly ApiError UnauthorizedPasswordCredentials = new(401, "unauthorized_credentials", "Unauthorized credentials: the email and password do not match.");
    public static readonly ApiError WeakPassword = new(400, "weak_password", "The password does not meet the strength requirements: check it with /v1/passwords/strength_check.");
    // Stytch folds a failed breach check into weak_password; the message tells the two apart.
    public static readonly ApiError BreachedPassword = new(400, "weak_password", "The password appears in a list of breached passwords. Choose another one.");
    public static readonly ApiError InvalidPassword = new(400, "invalid_password", "password must be a non-empty string of at most 256 characters.");
    public static readonly ApiError NoUserPassword = new(400, "no_user_password", "This user has no password. Log in another way, or reset the password by email.");
    public static readonly ApiError UserLocked = new(429, "user_lock_limit_reached", "The user has been locked out due to too many failed authentication attempts. Please try again later.");
    public static readonly ApiError InvalidPasswordId = new(400, "invalid_password_id", "password_id format is invalid.");
    public static readonly ApiError PasswordNotFound = new(404, "password_not_found", "Password could not be found.");
    public static readonly ApiError UnableToAuthPasswordResetToken = new(401, "unable_to_auth_password_reset_token", "The password reset link is invalid, expired or already used. Start a new reset.");
    public static readonly ApiError InvalidResetExpiration = new(400, "invalid_expiration", "reset_password_expiration_minutes must be between 5 and 10080.");
    public static readonly ApiError MissingResetUrl = new(400, "no_password_reset_redirect_url", "Pass reset_password_redirect_url, or configure Godwit:Passwords:ResetUrl.");
    public static readonly ApiError ResetPassword = new(400, "reset_password", "This password must be reset before it can be used: it was set before the email was verified, or the legacy system does not vouch for this email. Reset it by email.");
    // Stytch's SDKs know one error type for a redirect URL matching none registered, named after
    // magic links; reset URLs are redirect URLs of the same list, so they answer with it too.
    public static readonly ApiError UnregisteredResetUrl = new(400, "no_match_for_provided_magic_link_url", "reset_password_redirect_url did not match any redirect URL in Godwit:RedirectUrls: its scheme, host, port and path must equal one of them. Register it there, or pass one that is.");
    public static readonly ApiError SessionTooOldToResetPassword = new(400, "session_too_old_to_reset_password", "The session has no authentication factor from the last 5 minutes. Authenticate again, then reset the password.");
    // Godwit's own (Stytch has no such answer): the password-hashing queue is full, see HashingGate.
    public static readonly ApiError PasswordHashingOverloaded = new(503, "password_hashing_overloaded", "Too many password checks are waiting on this server. Retry after the time in the Retry-After header.");

    // One-time secrets (magic links and passcodes).
    public static readonly ApiError InvalidExpirationMinutes = new(400, "invalid_expiration", "Magic link expiration minutes must be between 5 and 10080.");
    public static readonly ApiError InvalidOtpExpirationMinutes = new(400, "invalid_expiration_otp", "expiration_minutes must be between 1 and 10 for passcodes.");
    public static readonly ApiError InvalidUrl = new(400, "invalid_url", "The URL must be an absolute http or https URL.");
    public static readonly ApiError MissingLoginUrl = new(400, "no_login_redirect_urls_set", "Pass login_magic_link_url and signup_magic_link_url, or configure Godwit:MagicLinks:DefaultLoginUrl.");
    public static readonly ApiError UnregisteredMagicLinkUrl = new(400, "no_match_for_provided_magic_link_url", "The magic link URL (login_magic_link_url, signup_magic_link_url or invite_magic_link_url) did not match any redirect URL in Godwit:RedirectUrls: its scheme, host, port and path must equal one of them. Register it there, or pass one that is.");
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
    public static readonly ApiError TooManyOtpGuesses = TooManyRequests.WithMessage("Too many wrong passcodes were entered for this address. Wait for the time in the Retry-After header, then send a new code.");

    // WebAuthn and passkeys. Stytch's names; a pending user is refused with Stytch's per-factor name.
    public static readonly ApiError InvalidWebAuthnDomain = new(400, "invalid_domain", "domain must be one of the relying-party ids in Godwit:WebAuthn:RelyingPartyIds.");
    public static readonly ApiError InvalidAuthenticatorType = new(400, "invalid_authenticator_type", "authenticator_type must be platform or cross-platform.");
    public static readonly ApiError InvalidUserAgent = new(400, "invalid_user_agent", "user_agent must be a string of at most 1024 characters.");
    public static readonly ApiError InvalidWebAuthnRegistrationId = new(400, "invalid_webauthn_registration_id", "webauthn_registration_id format is invalid.");
    public static readonly ApiError EmptyWebAuthnRegistrationName = new(400, "empty_webauthn_registration_name", "name must be a non-empty string of at most 128 characters.");
    public static readonly ApiError CannotUseWebAuthnWithPendingUser = new(400, "cannot_use_webauthn_with_pending_user", "This user is still pending. A WebAuthn registration can be added only after the user's first login.");
    public static readonly ApiError WebAuthnRegistrationNotFound = new(404, "webauthn_registration_not_found", "WebAuthn registration could not be found.");
    public static readonly ApiError NoActiveWebAuthnRegistrations = new(404, "no_active_webauthn_registrations", "This user has no WebAuthn registration for this domain.");
    public static readonly ApiError DuplicateWebAuthnRegistration = new(400, "duplicate_webauthn_registration", "This credential is already registered.");
    public static readonly ApiError NoPendingWebAuthnRegistration = new(400, "no_pending_webauthn_registration", "No registration was started for this user with this challenge, or it expired or was used. Call /v1/webauthn/register/start again.");
    public static readonly ApiError UnableToRegisterWebAuthn = new(400, "unable_to_register_webauthn_registration", "The WebAuthn registration could not be verified.");
    public static readonly ApiError UnableToAuthWebAuthn = new(401, "unable_to_auth_webauthn_registration", "WebAuthn registration could not be authenticated.");
    public static readonly ApiError InvalidPublicKeyCredential = new(400, "invalid_public_key_credential", "Invalid public key credential. Pass the JSON of the credential navigator.credentials returned, as a string.");
    public static readonly ApiError PublicKeyCredentialMissingId = new(400, "invalid_public_key_credential_missing_id_field", "The public key credential has no id.");
    public static readonly ApiError PublicKeyCredentialInvalidId = new(400, "invalid_public_key_credential_invalid_id", "The public key credential's id must be base64url, and rawId, when given, the same bytes.");
    public static readonly ApiError PublicKeyCredentialMissingResponse = new(400, "invalid_public_key_credential_missing_response_field", "The public key credential has no response object.");
    public static readonly ApiError PublicKeyCredentialMissingClientData = new(400, "invalid_public_key_credential_missing_client_data_json_field", "The public key credential's response has no clientDataJSON.");
    public static readonly ApiError PublicKeyCredentialMalformedClientData = new(400, "invalid_public_key_credential_malformed_client_data_json", "The public key credential's clientDataJSON is not base64url of a JSON object with type, challenge and origin.");
    public static readonly ApiError PublicKeyCredentialMissingAttestationObject = new(400, "invalid_public_key_credential_missing_attestation_object_field", "The public key credential's response has no attestationObject.");
    public static readonly ApiError PublicKeyCredentialMalformedAttestationObject = new(400, "invalid_public_key_credential_malformed_attestation_object", "The public key credential's attestationObject is not a valid CBOR attestation object.");
    public static readonly ApiError PublicKeyCredentialMissingAuthenticatorData = new(400, "invalid_public_key_credential_missing_authenticator_data_field", "The public key credential's response has no authenticatorData.");
    public static readonly ApiError PublicKeyCredentialInvalidAuthenticatorData = new(400, "invalid_public_key_credential_invalid_authenticator_data", "The public key credential's authenticatorData is malformed.");
    public static readonly ApiError PublicKeyCredentialMissingSignature = new(400, "invalid_public_key_credential_missing_signature_field", "The public key credential's response has no signature.");
    public static readonly ApiError PublicKeyCredentialInvalidSignature = new(401, "invalid_public_key_credential_invalid_signature", "The assertion's signature does not verify with the registered public key.");

    // Biometric keys (mobile). Stytch's names.
    public static readonly ApiError PublicKeyMissing = new(400, "public_key_missing", "Pass the device's public_key.");
    public static readonly ApiError InvalidBiometricPublicKey = new(400, "invalid_public_key", "public_key must be base64 of an Ed25519 key (32 raw bytes or SubjectPublicKeyInfo) or a P-256 key (SubjectPublicKeyInfo or the 65-byte uncompressed point).");
    public static readonly ApiError InvalidBiometricRegistrationId = new(400, "invalid_biometric_registration_id", "biometric_registration_id format is invalid.");
    public static readonly ApiError BiometricRegistrationNotFound = new(404, "biometric_registration_not_found", "Biometric registration could not be found.");
    public static readonly ApiError DuplicateBiometricRegistration = new(400, "duplicate_biometric_registration", "This public key is already registered.");
    public static readonly ApiError CannotUseBiometricsWithPendingUser = new(400, "cannot_use_biometrics_with_pending_user", "This user is still pending. A biometric registration can be added only after the user's first login.");
    public static readonly ApiError SignatureMissing = new(400, "signature_missing", "Pass the signature of the challenge.");
    public static readonly ApiError CouldNotParseBiometricSignature = new(400, "could_not_parse_biometric_signature", "signature must be base64.");
    public static readonly ApiError SignatureIsIncorrectSize = new(400, "signature_is_incorrect_size", "The signature has the wrong size for the key: 64 bytes for Ed25519, 64 bytes (r||s) or a DER sequence for P-256.");
    public static readonly ApiError UnableToRegisterBiometric = new(401, "unable_to_register_biometric_registration", "The biometric registration could not be completed: the signature is wrong, or the challenge expired or was used.");
    public static readonly ApiError UnableToAuthBiometric = new(401, "unable_to_auth_biometric_registration", "The biometric registration could not be authenticated: the signature is wrong, or the challenge expired or was used.");
    public static readonly ApiError UserIdMismatch = new(400, "user_id_mismatch", "user_id and the session belong to different users.");

    // TOTP (authenticator apps) and their recovery codes.
    public static readonly ApiError ActiveTotpExists = new(400, "active_totp_exists", "Cannot create a new TOTP for the specified user since the user already has an active TOTP. Users may only have one active TOTP at a time.");
    public static readonly ApiError PendingTotpExists = new(400, "pending_totp_exists", "Another request created a TOTP for this user at the same moment. Use the TOTP it returned.");
    public static readonly ApiError InvalidTotpExpiration = new(400, "invalid_expiration", "expiration_minutes must be between 5 and 1440 for TOTPs.");
    public static readonly ApiError InvalidTotpId = new(400, "invalid_totp_id", "totp_id format is invalid.");
    public static readonly ApiError InvalidTotpCode = new(400, "invalid_totp_code", "totp_code must be 6 digits.");
    public static readonly ApiError RecoveryCodeUsedAsTotpCode = new(400, "recovery_code_used_as_totp_code", "This looks like a recovery code: pass it as recovery_code to /v1/totps/recover.");
    public static readonly ApiError InvalidRecoveryCode = new(400, "invalid_recovery_code", "recovery_code must look like xxxx-xxxx-xxxx.");
    public static readonly ApiError TotpCodeUsedAsRecoveryCode = new(400, "totp_code_used_as_recovery_code", "This looks like a TOTP code: pass it as totp_code to /v1/totps/authenticate.");
    public static readonly ApiError TotpNotFound = new(404, "totp_not_found", "TOTP could not be found.");
    public static readonly ApiError ExpiredTotp = new(400, "expired_totp", "This TOTP was not authenticated before it expired. Create a new one.");
    public static readonly ApiError UnableToAuthenticateTotp = new(401, "unable_to_authenticate_totp", "The TOTP code is wrong. Check the authenticator app and its clock, and try the current code.");
    public static readonly ApiError TotpCodeAlreadyAuthenticated = new(401, "totp_code_already_authenticated", "This TOTP code has already been authenticated. Please attempt with the next generated code.");
    public static readonly ApiError UnableToAuthenticateRecoveryCode = new(401, "unable_to_authenticate_recovery_code", "The recovery code is wrong or already used.");

    // Delivery.
    public static readonly ApiError EmailDeliveryFailed = new(503, "email_delivery_failed", "The email could not be sent. Try again later; the server log has the reason.");
    public static readonly ApiError SmsDeliveryFailed = new(503, "sms_delivery_failed", "The text message could not be sent. Try again later; the server log has the reason.");

    // OAuth providers: what a social provider answered at the end of its flow could not be used.
    // Stytch's names for the first two; the third is Godwit's (the provider, not the client, failed).
    public static readonly ApiError OAuthAuthCodeError = new(400, "oauth_auth_code_error", "The OAuth provider did not exchange the authorization code for tokens. Start the OAuth flow again.");
    public static readonly ApiError OAuthFlowCallbackError = new(400, "oauth_flow_callback_error", "The OAuth provider's answer about the user could not be verified or read. Start the OAuth flow again; the server log has the reason.");
    public static readonly ApiError OAuthProviderUnavailable = new(503, "oauth_provider_unavailable", "The OAuth provider did not answer in time or could not be reached. Try again later; the server log has the reason.");

    // Rolling migration from a legacy system: Godwit's own error types (Stytch has no password hook,
    // and documents none for sessions/migrate). Every one of them leaves nothing created or changed.
    public static readonly ApiError LegacyPasswordHookUnavailable = new(503, "legacy_password_hook_unavailable", "The legacy system could not check this password: its hook did not answer, or answered outside the contract. Nothing was changed; try again later. The server log has the reason.");
    public static readonly ApiError SessionMigrationNotConfigured = new(400, "session_migration_not_configured", "Session migration is not configured: set Godwit:Migration:UserInfoUrl, LegacyJwksUrl or LegacySessionHook.");
    public static readonly ApiError UnableToAuthLegacySession = new(401, "unable_to_auth_legacy_session", "The legacy system did not accept this session_token: it is invalid, expired or revoked there.");
    public static readonly ApiError LegacySessionWithoutEmail = new(400, "legacy_session_without_email", "The legacy system accepted the session_token but named no valid email, which Godwit needs to find or create the user.");
    public static readonly ApiError LegacyEmailNotVerified = new(403, "legacy_email_not_verified", "The legacy system accepted this session_token, but does not say that its email is verified, and a user with this email already exists here. Nothing was changed; have the person log in with a passwordless factor instead.");
    public static readonly ApiError LegacySessionCheckUnavailable = new(503, "legacy_session_check_unavailable", "The legacy system could not check this session_token: it did not answer, or answered outside the contract. Nothing was created; try again later. The server log has the reason.");

    // Impersonation. Stytch documents no error types for it; these are Godwit's, in Stytch's naming.
    public static readonly ApiError ImpersonationNotEnabled = new(403, "impersonation_not_enabled", "User impersonation is off for this project. Set Godwit:Impersonation:Enabled to true to use it.");
    public static readonly ApiError InvalidImpersonationToken = new(400, "invalid_impersonation_token", "impersonation_token format is invalid.");
    public static readonly ApiError UnableToAuthImpersonationToken = new(401, "unable_to_auth_impersonation_token", "The impersonation token is invalid, expired or already used. Mint a new one.");
    public static readonly ApiError InvalidImpersonatorId = new(400, "invalid_impersonator_id", "impersonator_id must be a non-blank string of at most 256 characters naming who asks.");
    public static readonly ApiError InvalidImpersonationReason = new(400, "invalid_impersonation_reason", "reason must be a non-blank string of at most 1024 characters saying why.");
    public static readonly ApiError InvalidImpersonationExpiration = new(400, "invalid_expiration", "expiration_minutes must be between 1 and 10 for impersonation tokens.");

    // Sessions.
    public static readonly ApiError SessionNotFound = new(404, "session_not_found", "Session could not be found: it is invalid, expired or revoked.");
    // The one answer wherever a request names a user and, by session_token or session_jwt, a session of someone else.
    public static readonly ApiError SessionOfAnotherUser = SessionNotFound.WithMessage("The session belongs to a different user than the one this request names or authenticates.");
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

    // Passwords: migrated hashes.
    // Stytch's names where Stytch has one; the rest are Godwit's, named invalid_<hash_type>_hash and
    // invalid_<config>_config. Parsers replace the message with one naming the field and the problem.
    public static readonly ApiError InvalidHashType = new(400, "invalid_hash_type", "hash_type is not a supported hash type.");
    public static readonly ApiError InvalidHash = new(400, "invalid_hash", "The hash is not valid for its hash_type.");
    public static readonly ApiError MissingHashConfig = new(400, "missing_hash_config", "This hash_type needs its config object.");
    public static readonly ApiError UnexpectedHashConfig = new(400, "unexpected_hash_config", "A config object was given that this hash_type does not use.");
    public static readonly ApiError InvalidBcryptHash = new(400, "invalid_bcrypt_hash", "The bcrypt hash is not a valid $2a$, $2b$ or $2y$ string.");
    public static readonly ApiError InvalidBcryptCost = new(400, "invalid_bcrypt_cost", "The bcrypt cost is outside the accepted range.");
    public static readonly ApiError InvalidScryptParameters = new(400, "invalid_scrypt_parameters", "The scrypt parameters are invalid.");
    public static readonly ApiError InvalidScryptNParameter = new(400, "invalid_scrypt_n_parameter", "The scrypt N parameter must be a power of two greater than 1 and within the limit.");
    public static readonly ApiError InvalidScryptSaltLength = new(400, "invalid_scrypt_salt_length", "The scrypt salt length is invalid.");
    public static readonly ApiError InvalidBase64ScryptSalt = new(400, "invalid_base64_scrypt_salt", "The scrypt salt is not valid base64.");
    public static readonly ApiError InvalidBase64ScryptHash = new(400, "invalid_base64_scrypt_hash", "The scrypt hash is not valid base64.");
    public static readonly ApiError ScryptKeyLengthMismatch = new(400, "scrypt_key_length_mismatch", "The key_length value doesn't match the length of the provided hash.");
    public static readonly ApiError InvalidArgon2Salt = new(400, "invalid_argon_2_salt", "The Argon2 salt is invalid.");
    public static readonly ApiError InvalidArgon2IterationAmount = new(400, "invalid_argon_2_iteration_amount", "The Argon2 iteration amount is outside the accepted range.");
    public static readonly ApiError InvalidArgon2Memory = new(400, "invalid_argon_2_memory", "The Argon2 memory is outside the accepted range.");
    public static readonly ApiError InvalidArgon2Threads = new(400, "invalid_argon_2_threads", "The Argon2 threads value is outside the accepted range.");
    public static readonly ApiError InvalidArgon2KeyLength = new(400, "invalid_argon_2_key_length", "The Argon2 key length is outside the accepted range.");
    public static readonly ApiError Argon2KeyLengthMismatch = new(400, "argon_2_key_length_mismatch", "The key_length value doesn't match the length of the provided hash.");
    public static readonly ApiError InvalidMd5Hash = new(400, "invalid_md_5_hash", "The MD5 hash must be 32 hex characters.");
    public static readonly ApiError InvalidSha1Hash = new(400, "invalid_sha_1_hash", "The SHA-1 hash must be 40 hex characters.");
    public static readonly ApiError InvalidSha256Hash = new(400, "invalid_sha_256_hash", "The SHA-256 hash must be 64 hex characters.");
    public static readonly ApiError InvalidSha512Hash = new(400, "invalid_sha_512_hash", "The SHA-512 hash must be 128 hex characters.");
    public static readonly ApiError InvalidPrependSalt = new(400, "invalid_prepend_salt", "prepend_salt is invalid.");
    public static readonly ApiError InvalidAppendSalt = new(400, "invalid_append_salt", "append_salt is invalid.");
    public static readonly ApiError InvalidPbkdf2Hash = new(400, "invalid_pbkdf_2_hash", "The PBKDF2 hash must be the standard base64 of the derived key.");
    public static readonly ApiError InvalidPbkdf2Salt = new(400, "invalid_pbkdf_2_salt", "The PBKDF2 salt must be standard base64.");
    public static readonly ApiError InvalidPbkdf2IterationAmount = new(400, "invalid_pbkdf_2_iteration_amount", "The PBKDF2 iteration amount is outside the accepted range.");
    public static readonly ApiError InvalidPbkdf2Algorithm = new(400, "invalid_pbkdf_2_algorithm", "The PBKDF2 algorithm must be sha256 or sha512.");
    public static readonly ApiError Pbkdf2KeyLengthMismatch = new(400, "pbkdf_2_key_length_mismatch", "The key_length value doesn't match the length of the provided hash.");
    public static readonly ApiError InvalidPhpassHashPrefix = new(400, "invalid_phpass_hash_prefix", "The phpass hash must start with $P$ or $H$.");
    public static readonly ApiError InvalidPhpassHashFormat = new(400, "invalid_phpass_hash_format", "The phpass hash is not 34 characters of phpass base64.");
    public static readonly ApiError InvalidFirebaseScryptHash = new(400, "invalid_firebase_scrypt_hash", "The Firebase scrypt hash must be standard base64.");
    public static readonly ApiError InvalidFirebaseScryptConfig = new(400, "invalid_firebase_scrypt_config", "firebase_scrypt_config is invalid.");
    public static readonly ApiError InvalidMd5CryptHash = new(400, "invalid_md_5_crypt_hash", "The hash is not a valid $1$ MD5-crypt string.");
    public static readonly ApiError InvalidApr1Hash = new(400, "invalid_apr_1_hash", "The hash is not a valid $apr1$ string.");
    public static readonly ApiError InvalidSha256CryptHash = new(400, "invalid_sha_256_crypt_hash", "The hash is not a valid $5$ SHA-256-crypt string.");
    public static readonly ApiError InvalidSha512CryptHash = new(400, "invalid_sha_512_crypt_hash", "The hash is not a valid $6$ SHA-512-crypt string.");
    public static readonly ApiError InvalidLdapHash = new(400, "invalid_ldap_hash", "The hash is not a valid LDAP {SCHEME}base64 value.");
    public static readonly ApiError InvalidDjangoHash = new(400, "invalid_django_hash", "The hash is not a valid Django password hash.");
    public static readonly ApiError InvalidPasslibHash = new(400, "invalid_passlib_hash", "The hash is not a valid passlib PBKDF2 hash.");
    public static readonly ApiError InvalidAspNetIdentityHash = new(400, "invalid_aspnet_identity_hash", "The hash is not a valid ASP.NET Identity V2 or V3 hash.");
    public static readonly ApiError InvalidAspNetMembershipHash = new(400, "invalid_aspnet_membership_hash", "The hash must be the standard base64 of a SHA-1 digest.");
    public static readonly ApiError InvalidAspNetMembershipConfig = new(400, "invalid_aspnet_membership_config", "aspnet_membership_config is invalid.");
    public static readonly ApiError InvalidWerkzeugHash = new(400, "invalid_werkzeug_hash", "The hash is not a valid Werkzeug scrypt or pbkdf2 hash.");
    public static readonly ApiError InvalidDrupal7Hash = new(400, "invalid_drupal_7_hash", "The hash is not a valid Drupal 7 $S$ hash.");
    public static readonly ApiError InvalidSymfonySha512Hash = new(400, "invalid_symfony_sha_512_hash", "The hash must be the standard base64 of a SHA-512 digest.");
    public static readonly ApiError InvalidSymfonyConfig = new(400, "invalid_symfony_config", "symfony_config is invalid.");
    public static readonly ApiError InvalidDeviseBcryptHash = new(400, "invalid_devise_bcrypt_hash", "The hash is not a valid bcrypt string.");
    public static readonly ApiError InvalidDeviseConfig = new(400, "invalid_devise_config", "devise_config is invalid.");
    public static readonly ApiError InvalidHmacSha256Hash = new(400, "invalid_hmac_sha_256_hash", "The HMAC-SHA-256 hash must be 64 hex characters.");
    public static readonly ApiError InvalidHmacSha512Hash = new(400, "invalid_hmac_sha_512_hash", "The HMAC-SHA-512 hash must be 128 hex characters.");
    public static readonly ApiError InvalidHmacConfig = new(400, "invalid_hmac_config", "hmac_config is invalid.");
    public static readonly ApiError InvalidBcryptSha256Hash = new(400, "invalid_bcrypt_sha_256_hash", "The hash is not a valid bcrypt string.");
    public static readonly ApiError InvalidBcryptSha256Config = new(400, "invalid_bcrypt_sha_256_config", "bcrypt_sha_256_config is invalid.");

    // OAuth (Stytch's names where it documents one; the state and provider failures are Godwit's).
    public static readonly ApiError InvalidPublicToken = new(401, "invalid_public_token", "public_token is missing or is not this project's public token (Godwit:OAuth:PublicToken).");
    public static readonly ApiError OAuthProviderNotConfigured = new(400, "oauth_config_not_found", "This OAuth provider is not configured. Configure it under Godwit:OAuth:Providers or Godwit:OAuth:Oidc.");
    public static readonly ApiError UnregisteredOAuthRedirectUrl = new(400, "no_match_for_provided_oauth_url", "login_redirect_url or signup_redirect_url did not match any redirect URL in Godwit:RedirectUrls: its scheme, host, port and path must equal one of them.");
    public static readonly ApiError MissingOAuthRedirectUrl = new(400, "no_login_redirect_urls_set", "Pass login_redirect_url, or configure Godwit:MagicLinks:DefaultLoginUrl (the project's default redirect URL).");
    public static readonly ApiError InvalidCustomScopes = new(400, "invalid_custom_scopes", "custom_scopes must be scope names of printable characters, separated by spaces or commas.");
    public static readonly ApiError InvalidProviderParameter = new(400, "invalid_provider_parameter", "A provider_ parameter may not set what Godwit sets itself (client_id, redirect_uri, response_type, scope, state, nonce, code_challenge).");
    public static readonly ApiError OAuthTokenNotFound = new(404, "oauth_token_not_found", "The OAuth token could not be found: it is invalid, expired or already used. Start the OAuth flow again.");
    public static readonly ApiError InvalidOAuthToken = new(400, "invalid_token", "token format is invalid.");
    public static readonly ApiError OAuthAttachTokenNotFound = new(404, "oauth_attach_token_not_found", "The oauth_attach_token is invalid, expired, already used or was made for another provider.");
    public static readonly ApiError InvalidOAuthAttachProvider = new(400, "invalid_oauth_provider", "provider must name a configured OAuth provider, such as google.");
    public static readonly ApiError TooManyAttachArguments = new(400, "too_many_user_arguments", "Pass exactly one of user_id, session_token or session_jwt.");
    public static readonly ApiError OAuthRegistrationNotFound = new(404, "oauth_user_registration_not_found", "The OAuth registration could not be found.");
    public static readonly ApiError InvalidOAuthRegistrationId = new(400, "invalid_oauth_user_registration_id", "oauth_user_registration_id format is invalid.");
    public static readonly ApiError OAuthStateNotFound = new(400, "oauth_invalid_state", "The OAuth state is missing, unknown, expired or already used. Start the OAuth flow again.");
    public static readonly ApiError OAuthProviderDenied = new(400, "oauth_provider_error", "The OAuth provider did not authorize the login.");
    public static readonly ApiError OAuthUnverifiedEmailInUse = new(400, "oauth_unverified_email_in_use", "The provider did not verify this email and another user holds it. Log in to that user another way, then link this provider with POST /v1/oauth/attach.");
    public static readonly ApiError OAuthRegistrationOfAnotherUser = new(400, "oauth_registration_belongs_to_another_user", "This provider account is already linked to another user.");

    // Webhooks (Godwit's own API; Stytch configures its webhooks on the dashboard).
    public static readonly ApiError InvalidWebhookUrl = new(400, "invalid_webhook_url", "url must be an absolute https URL of at most 2048 characters, without user info or fragment.");
    public static readonly ApiError InsecureWebhookUrl = new(400, "insecure_webhook_url", "url must use https; http is accepted only for loopback hosts, or everywhere with Godwit:Webhooks:AllowInsecureUrls.");
    public static readonly ApiError WebhookUrlNotAllowed = new(400, "webhook_url_not_allowed", "url points at a link-local, metadata or private network address, which Godwit does not post to (private networks only with Godwit:Webhooks:AllowPrivateNetworks).");
    public static readonly ApiError InvalidWebhookEventTypes = new(400, "invalid_event_type", "event_types must be an array of event type names Godwit records, such as user.created; an empty array means every type.");
    public static readonly ApiError InvalidWebhookDescription = new(400, "invalid_webhook_description", "description must be a string of at most 256 characters.");
    public static readonly ApiError InvalidWebhookEnabled = new(400, "invalid_webhook_enabled", "enabled must be a boolean.");
    public static readonly ApiError TooManyWebhooks = new(400, "too_many_webhooks", "The project has as many webhook endpoints as Godwit:Webhooks:MaxEndpoints allows. Delete one first.");
    public static readonly ApiError WebhookNotFound = new(404, "webhook_not_found", "The webhook endpoint could not be found.");
    public static readonly ApiError WebhookDeliveryNotFound = new(404, "webhook_delivery_not_found", "The delivery could not be found among this webhook endpoint's deliveries.");
    public static readonly ApiError InvalidWebhookDeliveryLimit = new(400, "invalid_limit", "limit must be a whole number from 1 to 100.");
    public static readonly ApiError InvalidWebhookDeliveryCursor = new(400, "invalid_cursor", "cursor must be the next_cursor of a previous page, unchanged.");
    // Migration outcomes reported by the rolling-migration library (Godwit's own endpoint).
    public static readonly ApiError InvalidMigrationOutcome = new(400, "invalid_migration_outcome", "Pass outcome (already_linked, linked, created, backfilled, dual_written), path (godwit_user_id, email, phone_number, provider_subject, external_id, none), or both.");
    public static readonly ApiError InvalidApplicationUserId = new(400, "invalid_application_user_id", "application_user_id must be 1 to 255 printable characters.");
    public static readonly ApiError InvalidMigrationDetails = new(400, "invalid_migration_details", "details must be a JSON object of at most 1024 bytes.");
}
