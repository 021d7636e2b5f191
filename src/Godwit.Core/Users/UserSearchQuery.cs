namespace Godwit.Core.Users;

/// <summary>A parsed users-search filter tree; the store translates it to its query language.</summary>
public abstract record UserFilter
{
    public sealed record All(IReadOnlyList<UserFilter> Operands) : UserFilter;

    public sealed record Any(IReadOnlyList<UserFilter> Operands) : UserFilter;

    public sealed record UserIdIn(IReadOnlyList<string> UserIds) : UserFilter;

    public sealed record EmailIn(IReadOnlyList<string> Addresses) : UserFilter;

    public sealed record EmailIdIn(IReadOnlyList<string> EmailIds) : UserFilter;

    public sealed record EmailContains(string Fragment) : UserFilter;

    public sealed record EmailVerified(bool Verified) : UserFilter;

    public sealed record PhoneIn(IReadOnlyList<string> Numbers) : UserFilter;

    public sealed record PhoneIdIn(IReadOnlyList<string> PhoneIds) : UserFilter;

    public sealed record PhoneContains(string Fragment) : UserFilter;

    public sealed record PhoneVerified(bool Verified) : UserFilter;

    public sealed record StatusIs(UserStatus Status) : UserFilter;

    public sealed record CreatedAfter(DateTime Instant) : UserFilter;

    public sealed record CreatedBefore(DateTime Instant) : UserFilter;

    public sealed record FullNameContains(string Fragment) : UserFilter;
}

/// <summary>Where a page of results starts: after this (created_at, user_id) position.</summary>
public sealed record UserSearchCursor(DateTime CreatedAt, string UserId);

public sealed record UserSearchPage(IReadOnlyList<User> Users, int Total, UserSearchCursor? Next);
