using Godwit.Core.Errors;
using Godwit.Core.Tests.Support;
using Godwit.Core.Users;

namespace Godwit.Core.Tests.Users;

/// <summary>UserResolver: a user_id and a session must name the same person, and the session must be live.</summary>
public sealed class UserResolverTests(CoreServices core) : IClassFixture<CoreServices>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_user_id_with_that_users_session_names_the_user_and_the_session()
    {
        var user = await core.CreateAsync();
        var session = await core.StartSessionAsync(minutes: 60, user);

        var named = await FindAsync(new UserReference(user.UserId, session.SessionToken, null));

        Assert.Equal(user.UserId, named.Value.User.UserId);
        Assert.Equal(session.Session.SessionId, named.Value.Session?.SessionId);
    }

    [Fact]
    public async Task A_user_id_with_another_users_session_is_refused()
    {
        var user = await core.CreateAsync();
        var stranger = await core.StartSessionAsync(minutes: 60);

        Assert.Same(ErrorCatalog.SessionOfAnotherUser, (await FindAsync(new UserReference(user.UserId, stranger.SessionToken, null))).Error);
        Assert.Same(ErrorCatalog.SessionOfAnotherUser, (await FindAsync(new UserReference(user.UserId, null, stranger.SessionJwt))).Error);
    }

    [Fact]
    public async Task A_session_names_its_user_until_one_second_before_it_ends()
    {
        var user = await core.CreateAsync();
        var session = await core.StartSessionAsync(minutes: 5, user);

        core.Clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.Equal(user.UserId, (await FindAsync(new UserReference(user.UserId, session.SessionToken, null))).Value.User.UserId);

        core.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Same(ErrorCatalog.SessionNotFound, (await FindAsync(new UserReference(user.UserId, session.SessionToken, null))).Error);
        Assert.Same(ErrorCatalog.SessionNotFound, (await FindAsync(new UserReference(null, session.SessionToken, null))).Error);
    }

    [Fact]
    public async Task An_unknown_user_id_is_refused_before_the_session_is_read()
    {
        var session = await core.StartSessionAsync(minutes: 60);

        Assert.Same(ErrorCatalog.UserNotFound, (await FindAsync(new UserReference(PrefixedId.New(PrefixedId.User), session.SessionToken, null))).Error);
    }

    private Task<Result<NamedUser>> FindAsync(UserReference reference) =>
        core.CallAsync<UserResolver, Result<NamedUser>>(resolver => resolver.FindAsync(reference, None));
}
