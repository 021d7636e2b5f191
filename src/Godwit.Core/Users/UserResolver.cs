using Godwit.Core.Errors;
using Godwit.Core.Sessions;

namespace Godwit.Core.Users;

/// <summary>A user named by <c>user_id</c>, by one of their sessions, or both; all null when the request named nobody.</summary>
public sealed record UserReference(string? UserId, string? SessionToken, string? SessionJwt)
{
    public bool IsEmpty => UserId is null && !NamesSession;

    public bool NamesSession => SessionToken is not null || SessionJwt is not null;
}

/// <summary>The user a request named, and the session it named them by, if it did.</summary>
public sealed record NamedUser(User User, Session? Session);

/// <summary>
/// Finds the user a request names by <c>user_id</c> or by a session, for every endpoint that
/// accepts either: attaching an address on a send, enrolling a biometric key. When both are given they must name the same person, else
/// <see cref="ErrorCatalog.SessionOfAnotherUser"/>. The session is only looked up, never touched.
/// </summary>
public sealed class UserResolver(IUserStore users, SessionLookup sessions)
{
    /// <summary>The named user, loaded for changing (a session's copy of a user is for reading only).</summary>
    public async Task<Result<NamedUser>> FindAsync(UserReference reference, CancellationToken cancellationToken)
    {
        if (reference.IsEmpty)
        {
            return ErrorCatalog.InvalidUserId.WithMessage("Pass user_id, or a session_token or session_jwt of the user.");
        }

        User? byId = null;
        if (reference.UserId is not null && (byId = await users.FindAsync(reference.UserId, cancellationToken)) is null)
        {
            return ErrorCatalog.UserNotFound;
        }

        if (!reference.NamesSession)
        {
            return new NamedUser(byId!, null);
        }

        var session = await sessions.FindAsync(reference.SessionToken, reference.SessionJwt, cancellationToken);
        if (!session.Succeeded)
        {
            return session.Error!;
        }

        // A session whose user is gone is no session at all, whoever else the request names.
        var owner = byId?.UserId == session.Value.UserId ? byId : await users.FindAsync(session.Value.UserId, cancellationToken);
        if (owner is null)
        {
            return ErrorCatalog.SessionNotFound;
        }

        return byId is not null && byId.UserId != owner.UserId
            ? ErrorCatalog.SessionOfAnotherUser
            : new NamedUser(owner, session.Value);
    }
}
