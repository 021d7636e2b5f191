namespace Godwit.Contracts.Otps;

public sealed record EmailOtpLoginOrCreateResponse(string UserId, string EmailId, bool UserCreated) : ApiResponse;

public sealed record EmailOtpSendResponse(string UserId, string EmailId) : ApiResponse;

public sealed record SmsOtpLoginOrCreateResponse(string UserId, string PhoneId, bool UserCreated) : ApiResponse;

public sealed record SmsOtpSendResponse(string UserId, string PhoneId) : ApiResponse;
