using System.Text.Json;

namespace Godwit.Contracts.Sessions;

/// <summary>The SDK's <c>Session</c> type.</summary>
public sealed record SessionWire(
    string SessionId,
    string UserId,
    IReadOnlyList<FactorWire> AuthenticationFactors,
    IReadOnlyList<string> Roles,
    string StartedAt,
    string LastAccessedAt,
    string ExpiresAt,
    AttributesWire Attributes,
    JsonElement CustomClaims);

public sealed record AttributesWire(string IpAddress, string UserAgent);
