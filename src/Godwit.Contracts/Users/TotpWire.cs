namespace Godwit.Contracts.Users;

/// <summary>The SDK's <c>TOTP</c>: an authenticator app as the user object lists it.</summary>
public sealed record TotpWire(string TotpId, bool Verified);
