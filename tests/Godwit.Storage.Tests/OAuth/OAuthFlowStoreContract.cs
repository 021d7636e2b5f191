using Godwit.Core.OAuth;
using Godwit.Core.Users;
using Godwit.Storage.Tests.Support;

namespace Godwit.Storage.Tests.OAuth;

/// <summary>Pruning of the OAuth flow's short-lived rows, the same on every database.</summary>
public abstract class OAuthFlowStoreContract
{
    protected abstract StoreDatabase Database { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pruning_deletes_states_and_grants_that_expired_before_the_instant_and_keeps_the_rest()
    {
        var user = await Database.AddUserAsync();
        var now = Rows.Now;
        var expiredState = State(now.AddMinutes(-1));
        var liveState = State(now.AddMinutes(5));
        var expiredGrant = Grant(user.UserId, now.AddMinutes(-1));
        var liveGrant = Grant(user.UserId, now.AddMinutes(5));
        foreach (var state in new[] { expiredState, liveState })
        {
            await Database.UseAsync<IOAuthFlowStore>(s => s.AddStateAsync(state, Cancel));
        }

        foreach (var grant in new[] { expiredGrant, liveGrant })
        {
            await Database.UseAsync<IOAuthFlowStore>(s => s.AddGrantAsync(grant, Cancel));
        }

        var pruned = await Database.UseAsync<IOAuthFlowStore, int>(s => s.PruneAsync(now, Cancel));

        Assert.True(pruned >= 2);
        Assert.Null(await Database.UseAsync<IOAuthFlowStore, OAuthFlowState?>(s => s.FindStateAsync(expiredState.StateHash, Cancel)));
        Assert.Null(await Database.UseAsync<IOAuthFlowStore, OAuthGrant?>(s => s.FindGrantAsync(expiredGrant.TokenHash, Cancel)));
        Assert.NotNull(await Database.UseAsync<IOAuthFlowStore, OAuthFlowState?>(s => s.FindStateAsync(liveState.StateHash, Cancel)));
        Assert.NotNull(await Database.UseAsync<IOAuthFlowStore, OAuthGrant?>(s => s.FindGrantAsync(liveGrant.TokenHash, Cancel)));
    }

    private static OAuthFlowState State(DateTime expiresAt) => new()
    {
        OAuthStateId = Guid.NewGuid().ToString("D"),
        StateHash = Rows.Bytes(),
        Provider = "google",
        SealedProviderVerifier = Rows.Bytes(48),
        Nonce = Guid.NewGuid().ToString("N"),
        LoginRedirectUrl = "https://app.example.com/login",
        SignupRedirectUrl = "https://app.example.com/signup",
        CreatedAt = expiresAt.AddMinutes(-10),
        ExpiresAt = expiresAt,
    };

    private static OAuthGrant Grant(string userId, DateTime expiresAt) => new()
    {
        OAuthGrantId = Guid.NewGuid().ToString("D"),
        Kind = OAuthGrantKind.Attach,
        TokenHash = Rows.Bytes(),
        UserId = userId,
        Provider = "google",
        CreatedAt = expiresAt.AddMinutes(-3),
        ExpiresAt = expiresAt,
    };
}

public sealed class OAuthFlowStoreOnSqlite(SqliteStores database) : OAuthFlowStoreContract, IClassFixture<SqliteStores>
{
    protected override StoreDatabase Database => database;
}

public sealed class OAuthFlowStoreOnPostgres(PostgresStores database) : OAuthFlowStoreContract, IClassFixture<PostgresStores>
{
    protected override StoreDatabase Database => database;
}
