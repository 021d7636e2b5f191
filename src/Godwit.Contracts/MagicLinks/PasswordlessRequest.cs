using System.Text.Json.Nodes;

namespace Godwit.Contracts.MagicLinks;

/// <summary>
/// Fields magic-link and passcode requests share. Godwit writes the message in <see cref="Locale"/>'s
/// language; the others it accepts but does not act on (device attributes, IP and user-agent
/// matching, Stytch's template ids, telemetry); a malformed one is still refused.
/// </summary>
public abstract record PasswordlessRequest
{
    public JsonObject? Attributes { get; init; }

    public JsonObject? Options { get; init; }

    public string? Locale { get; init; }

    public string? LoginTemplateId { get; init; }

    public string? SignupTemplateId { get; init; }

    public string? InviteTemplateId { get; init; }

    public string? TelemetryId { get; init; }
}
