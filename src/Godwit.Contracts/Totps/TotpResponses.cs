using Godwit.Contracts.Sessions;
using Godwit.Contracts.Users;

namespace Godwit.Contracts.Totps;

public sealed record CreateTotpResponse(string TotpId, string Secret, string QrCode, IReadOnlyList<string> RecoveryCodes, UserWire User, string UserId) : ApiResponse;

/// <summary>Authenticate and recover answer alike; the session is null when none was asked for.</summary>
public sealed record TotpSessionResponse(string UserId, string TotpId, string SessionToken, string SessionJwt, UserWire User, SessionWire? Session) : ApiResponse;

public sealed record TotpRecoveryCodesResponse(string UserId, IReadOnlyList<TotpWithRecoveryCodesWire> Totps) : ApiResponse;

public sealed record TotpWithRecoveryCodesWire(string TotpId, bool Verified, IReadOnlyList<string> RecoveryCodes);

public sealed record DeleteTotpResponse(string UserId, UserWire User) : ApiResponse;
