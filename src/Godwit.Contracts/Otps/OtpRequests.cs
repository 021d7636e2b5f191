using System.Text.Json.Nodes;
using Godwit.Contracts.MagicLinks;
using Godwit.Contracts.Sessions;

namespace Godwit.Contracts.Otps;

/// <summary>Email passcode login_or_create's body.</summary>
public sealed record EmailOtpLoginOrCreateRequest : PasswordlessRequest
{
    public required string Email { get; init; }

    public int? ExpirationMinutes { get; init; }

    public bool? CreateUserAsPending { get; init; }
}

/// <summary>Email passcode send's body; with a user id or session, the address is added to that user.</summary>
public sealed record EmailOtpSendRequest : PasswordlessRequest
{
    public required string Email { get; init; }

    public int? ExpirationMinutes { get; init; }

    public string? UserId { get; init; }

    public string? SessionToken { get; init; }

    public string? SessionJwt { get; init; }
}

/// <summary>SMS passcode login_or_create's body; the number in E.164.</summary>
public sealed record SmsOtpLoginOrCreateRequest : PasswordlessRequest
{
    public required string PhoneNumber { get; init; }

    public int? ExpirationMinutes { get; init; }

    public bool? CreateUserAsPending { get; init; }
}

/// <summary>SMS passcode send's body.</summary>
public sealed record SmsOtpSendRequest : PasswordlessRequest
{
    public required string PhoneNumber { get; init; }

    public int? ExpirationMinutes { get; init; }

    public string? UserId { get; init; }

    public string? SessionToken { get; init; }

    public string? SessionJwt { get; init; }
}

/// <summary>Passcode authenticate's body: <c>method_id</c> is the email_id or phone_id the code went to.</summary>
public sealed record OtpAuthenticateRequest : PasswordlessRequest, ISessionFields
{
    public required string MethodId { get; init; }

    public required string Code { get; init; }

    public int? SessionDurationMinutes { get; init; }

    public string? SessionToken { get; init; }

    public string? SessionJwt { get; init; }

    public JsonObject? SessionCustomClaims { get; init; }
}
