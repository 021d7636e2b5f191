using System.Text.Json.Serialization;
using Godwit.Contracts.Biometrics;
using Godwit.Contracts.Errors;
using Godwit.Contracts.MagicLinks;
using Godwit.Contracts.Otps;
using Godwit.Contracts.Passwords;
using Godwit.Contracts.Sessions;
using Godwit.Contracts.Totps;
using Godwit.Contracts.Users;
using Godwit.Contracts.WebAuthn;

namespace Godwit.Contracts;

/// <summary>
/// Source-generated serialisation of every wire record, in Stytch's snake_case: the responses the
/// server writes and the client reads, and the request bodies the client sends.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(CreateUserResponse))]
[JsonSerializable(typeof(GetUserResponse))]
[JsonSerializable(typeof(UpdateUserResponse))]
[JsonSerializable(typeof(DeleteUserResponse))]
[JsonSerializable(typeof(UserChangedResponse))]
[JsonSerializable(typeof(SearchUsersResponse))]
[JsonSerializable(typeof(ImportUsersResponse))]
[JsonSerializable(typeof(AuthenticateSessionResponse))]
[JsonSerializable(typeof(GetSessionsResponse))]
[JsonSerializable(typeof(RevokeSessionResponse))]
[JsonSerializable(typeof(JwksResponse))]
[JsonSerializable(typeof(MigrateSessionResponse))]
[JsonSerializable(typeof(EmailLoginOrCreateResponse))]
[JsonSerializable(typeof(EmailSendResponse))]
[JsonSerializable(typeof(EmptyResponse))]
[JsonSerializable(typeof(FactorAuthenticateResponse))]
[JsonSerializable(typeof(EmailOtpLoginOrCreateResponse))]
[JsonSerializable(typeof(EmailOtpSendResponse))]
[JsonSerializable(typeof(SmsOtpLoginOrCreateResponse))]
[JsonSerializable(typeof(SmsOtpSendResponse))]
[JsonSerializable(typeof(CreateTotpResponse))]
[JsonSerializable(typeof(TotpSessionResponse))]
[JsonSerializable(typeof(TotpRecoveryCodesResponse))]
[JsonSerializable(typeof(DeleteTotpResponse))]
[JsonSerializable(typeof(MigratePasswordResponse))]
[JsonSerializable(typeof(PasswordSessionResponse))]
[JsonSerializable(typeof(CreatePasswordResponse))]
[JsonSerializable(typeof(ResetStartResponse))]
[JsonSerializable(typeof(StrengthCheckResponse))]
[JsonSerializable(typeof(DeletePasswordResponse))]
[JsonSerializable(typeof(CreateUserRequest))]
[JsonSerializable(typeof(UpdateUserRequest))]
[JsonSerializable(typeof(SearchUsersRequest))]
[JsonSerializable(typeof(EmailLoginOrCreateRequest))]
[JsonSerializable(typeof(EmailSendRequest))]
[JsonSerializable(typeof(MagicLinkAuthenticateRequest))]
[JsonSerializable(typeof(EmailOtpLoginOrCreateRequest))]
[JsonSerializable(typeof(EmailOtpSendRequest))]
[JsonSerializable(typeof(SmsOtpLoginOrCreateRequest))]
[JsonSerializable(typeof(SmsOtpSendRequest))]
[JsonSerializable(typeof(OtpAuthenticateRequest))]
[JsonSerializable(typeof(PasswordAuthenticateRequest))]
[JsonSerializable(typeof(CreatePasswordRequest))]
[JsonSerializable(typeof(MigratePasswordRequest))]
[JsonSerializable(typeof(AuthenticateSessionRequest))]
[JsonSerializable(typeof(RevokeSessionRequest))]
[JsonSerializable(typeof(WebAuthnRegisterStartResponse))]
[JsonSerializable(typeof(WebAuthnAuthenticateStartResponse))]
[JsonSerializable(typeof(WebAuthnSessionResponse))]
[JsonSerializable(typeof(WebAuthnUpdateResponse))]
[JsonSerializable(typeof(WebAuthnListCredentialsResponse))]
[JsonSerializable(typeof(DeleteWebAuthnRegistrationResponse))]
[JsonSerializable(typeof(BiometricChallengeResponse))]
[JsonSerializable(typeof(BiometricSessionResponse))]
[JsonSerializable(typeof(DeleteBiometricRegistrationResponse))]
public sealed partial class GodwitJsonContext : JsonSerializerContext;
