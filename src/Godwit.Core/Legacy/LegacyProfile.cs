using System.Text.Json.Nodes;
using Godwit.Core.Users;

namespace Godwit.Core.Legacy;

/// <summary>
/// What a legacy system says about a person when it vouches for them. Every field is optional
/// except what the caller needs; <see cref="EmailVerified"/> is false unless the legacy system says
/// true, because a verified email is what lets a person receive magic links and resets.
/// </summary>
public sealed record LegacyProfile(
    bool EmailVerified,
    PersonName? Name,
    string? ExternalId,
    JsonObject? TrustedMetadata,
    JsonObject? UntrustedMetadata);

/// <summary>A person a legacy session token belongs to: their email and what else the legacy system told.</summary>
/// <param name="Source">Who vouched for the token: <c>legacy_jwt</c>, <c>userinfo</c> or <c>session_hook</c>.</param>
public sealed record LegacyIdentity(string Email, LegacyProfile Profile, string Source);

public enum LegacyVerdictKind
{
    /// <summary>The legacy system vouched: the password is right, or the token is live.</summary>
    Match,

    /// <summary>The legacy system said no, in the contract's own words.</summary>
    NoMatch,

    /// <summary>No usable answer: timeout, refused connection, open circuit, non-200, malformed body.</summary>
    Failed,
}

/// <summary>
/// A legacy hook's answer. Only an explicit match or an explicit non-match counts; anything else is
/// <see cref="LegacyVerdictKind.Failed"/>, with a reason for the log (never the request's secrets).
/// </summary>
public sealed record LegacyVerdict(LegacyVerdictKind Kind, LegacyProfile? Profile, string? Email, string Reason)
{
    public static LegacyVerdict Matched(LegacyProfile profile, string? email) => new(LegacyVerdictKind.Match, profile, email, "match");

    public static readonly LegacyVerdict NotMatched = new(LegacyVerdictKind.NoMatch, null, null, "no match");

    public static LegacyVerdict Failure(string reason) => new(LegacyVerdictKind.Failed, null, null, reason);
}
