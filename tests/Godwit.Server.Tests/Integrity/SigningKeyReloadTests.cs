using System.Net;
using System.Security.Cryptography;
using Godwit.Core.Sessions;
using Godwit.Testing.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Godwit.Server.Tests.Integrity;

/// <summary>
/// JWTs naming key ids nobody issued cannot make every request a database read, and a key made by
/// one process signs nothing until every process has had time to load it.
/// </summary>
public sealed class SigningKeyReloadTests(SqliteGodwit godwit) : IClassFixture<SqliteGodwit>
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow.AddMinutes(1));

    [Fact]
    public async Task Made_up_key_ids_reload_the_keys_at_most_once_per_thirty_seconds()
    {
        await using var scope = godwit.Host.Services.CreateAsyncScope();
        var store = new CountingKeyStore(scope.ServiceProvider.GetRequiredService<ISigningKeyStore>());
        using var ring = Ring(new SessionTokenOptions());
        await ring.RefreshAsync(store, TestContext.Current.CancellationToken);

        for (var i = 0; i < 100; i++)
        {
            await ring.RefreshForUnknownKeyAsync(store, TestContext.Current.CancellationToken);
        }

        clock.Advance(TimeSpan.FromSeconds(29));
        await ring.RefreshForUnknownKeyAsync(store, TestContext.Current.CancellationToken);
        Assert.Equal(1, store.Lists);
        clock.Advance(TimeSpan.FromSeconds(1));
        await ring.RefreshForUnknownKeyAsync(store, TestContext.Current.CancellationToken);
        await ring.RefreshForUnknownKeyAsync(store, TestContext.Current.CancellationToken);
        Assert.Equal(2, store.Lists);
    }

    [Fact]
    public async Task Many_checks_meeting_stale_keys_at_once_reload_them_once()
    {
        await using var scope = godwit.Host.Services.CreateAsyncScope();
        var store = new CountingKeyStore(scope.ServiceProvider.GetRequiredService<ISigningKeyStore>());
        using var ring = Ring(new SessionTokenOptions());
        await ring.RefreshAsync(store, TestContext.Current.CancellationToken);
        clock.Advance(SigningKeyRing.RefreshInterval + TimeSpan.FromSeconds(1));

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => ring.RefreshIfStaleAsync(store, TestContext.Current.CancellationToken))));
        await ring.RefreshIfStaleAsync(store, TestContext.Current.CancellationToken);

        Assert.Equal(2, store.Lists);
        Assert.True(ring.IsLoaded);
    }

    [Fact]
    public async Task A_new_key_signs_only_once_every_process_has_loaded_it()
    {
        await using var scope = godwit.Host.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ISigningKeyStore>();
        var options = new SessionTokenOptions { SigningKeyRotation = TimeSpan.FromMinutes(2) };
        using var rotating = Ring(options);
        using var other = Ring(options);
        await rotating.RefreshAsync(store, TestContext.Current.CancellationToken);
        await other.RefreshAsync(store, TestContext.Current.CancellationToken);
        var old = rotating.SigningKey.Kid;

        clock.Advance(TimeSpan.FromMinutes(3));
        await rotating.RefreshAsync(store, TestContext.Current.CancellationToken);
        var next = rotating.PublishedKeys[^1].Kid;
        Assert.NotEqual(old, next);
        Assert.Equal(old, rotating.SigningKey.Kid);
        clock.Advance(SigningKeyRing.PublicationDelay - TimeSpan.FromSeconds(1));
        Assert.Equal(old, rotating.SigningKey.Kid);
        // By now every process has refreshed on its own schedule (once a minute).
        await other.RefreshIfStaleAsync(store, TestContext.Current.CancellationToken);
        Assert.NotNull(other.Find(next));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(next, rotating.SigningKey.Kid);
    }

    [Fact]
    public async Task A_jwt_naming_a_made_up_key_id_is_refused_as_a_client_error()
    {
        using var rsa = RSA.Create(2048);
        var forged = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = godwit.Host.BaseUrl.ToString().TrimEnd('/'),
            Audience = godwit.Host.ProjectId,
            Claims = new Dictionary<string, object> { ["sub"] = "user-live-00000000-0000-0000-0000-000000000000" },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = "jwk-live-made-up" }, SecurityAlgorithms.RsaSha256),
        });

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            godwit.Host.Client.PostAsync("/v1/sessions/authenticate", new { session_jwt = forged })));

        Assert.All(answers, answer => Assert.True(answer.Status is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.Unauthorized, answer.ToString()));
        Assert.All(answers, answer => Assert.False(string.IsNullOrEmpty(answer.ErrorType)));
    }

    private SigningKeyRing Ring(SessionTokenOptions options) =>
        ActivatorUtilities.CreateInstance<SigningKeyRing>(godwit.Host.Services, options, (TimeProvider)clock);

    private sealed class CountingKeyStore(ISigningKeyStore inner) : ISigningKeyStore
    {
        private int lists;

        public int Lists => Volatile.Read(ref lists);

        public Task<IReadOnlyList<SigningKey>> ListAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref lists);
            return inner.ListAsync(cancellationToken);
        }

        public Task AddAsync(SigningKey key, CancellationToken cancellationToken) => inner.AddAsync(key, cancellationToken);
    }
}
