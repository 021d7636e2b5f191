using BenchmarkDotNet.Attributes;
using Godwit.Core.Security;
using Godwit.Core.Sessions;
using Microsoft.Extensions.Logging.Abstractions;

namespace Godwit.Bench.Micro;

/// <summary>
/// The in-process work of checking a session, apart from the database: hashing the opaque token,
/// signing the JWT every authenticate response carries, and verifying a presented JWT.
/// </summary>
[MemoryDiagnoser]
public class SessionBenchmarks
{
    private readonly string token = SecretTokens.NewToken();
    private SessionJwts jwts = null!;
    private Session session = null!;
    private string jwt = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var options = new SessionTokenOptions();
        var keys = new SigningKeyRing(new ProjectKeys(new EncryptionKeyRing([EncryptionKey.TryParse(EncryptionKey.NewSetting(DateTimeOffset.UtcNow), out _)!], projectSecret: null)), options, TimeProvider.System, NullLogger<SigningKeyRing>.Instance);
        await keys.RefreshAsync(new InMemorySigningKeyStore(), CancellationToken.None);
        jwts = new SessionJwts(keys, options, TimeProvider.System, "http://localhost:5000", "project-live-5f0d1c9e-0000-4000-8000-00000000b3c4");
        var now = DateTime.UtcNow;
        session = new Session
        {
            SessionId = "session-live-01a214c0-27d4-7254-904b-2eed7b2ba09c",
            UserId = "user-live-01a214c0-278a-7a08-ad2a-20e5579ff010",
            TokenHash = SecretTokens.HashToken(token),
            StartedAt = now,
            LastAccessedAt = now,
            ExpiresAt = now.AddDays(7),
            Factors = [new AuthenticationFactor("magic_link", "email", now, now, new EmailFactor("email-live-01a214c0-278b-7220-bade-462ca065b7c5", "seed-0@example.com"))],
        };
        jwt = jwts.Issue(session);
    }

    [Benchmark]
    public byte[] HashToken() => SecretTokens.HashToken(token);

    [Benchmark]
    public string IssueJwt() => jwts.Issue(session);

    [Benchmark]
    public Task<string?> ReadJwt() => jwts.ReadSessionIdAsync(jwt, () => Task.CompletedTask);

    private sealed class InMemorySigningKeyStore : ISigningKeyStore
    {
        private readonly List<SigningKey> keys = [];

        public Task<IReadOnlyList<SigningKey>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<SigningKey>>(keys.ToList());

        public Task AddAsync(SigningKey key, CancellationToken cancellationToken)
        {
            keys.Add(key);
            return Task.CompletedTask;
        }
    }
}
