using Godwit.Contracts.Sessions;

namespace Godwit.Client.Sessions;

/// <summary>What a local check of a session JWT found.</summary>
public enum SessionJwtStatus
{
    /// <summary>Signed by the project, for the project, and within its lifetime (and maximum age).</summary>
    Valid,

    /// <summary>Genuine but expired or older than the maximum age: only the API can say whether its session lives on.</summary>
    Stale,

    /// <summary>Malformed, signed by an unknown key, or issued for another project or issuer.</summary>
    Invalid,
}

/// <summary>The outcome of checking a session JWT without calling the API.</summary>
/// <param name="Status">Whether the JWT can be trusted as it is.</param>
/// <param name="Session">The session the JWT describes, when it is <see cref="SessionJwtStatus.Valid"/>.</param>
/// <param name="Failure">Why it is not valid, for logs.</param>
public sealed record SessionJwtCheck(SessionJwtStatus Status, SessionWire? Session, string? Failure);

/// <summary>A session JWT authenticated locally or, when that was not enough, by the API.</summary>
/// <param name="Session">The session.</param>
/// <param name="SessionJwt">The JWT to use from now on: the one given, or the fresh one the API issued.</param>
/// <param name="Remote">True when the API was asked; its answer is then in <paramref name="Response"/>.</param>
/// <param name="Response">The API's answer, when it was asked.</param>
public sealed record SessionJwtAuthentication(SessionWire Session, string SessionJwt, bool Remote, AuthenticateSessionResponse? Response);
