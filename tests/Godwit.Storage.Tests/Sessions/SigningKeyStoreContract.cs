using Godwit.Core.Sessions;
using Godwit.Storage.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Godwit.Storage.Tests.Sessions;

/// <summary>What callers of <see cref="ISigningKeyStore"/> rely on, the same on every database.</summary>
public abstract class SigningKeyStoreContract
{
    protected abstract StoreDatabase Database { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Keys_come_back_oldest_first_with_their_sealed_private_keys()
    {
        var now = Rows.Now;
        var newer = NewKey(now.AddDays(-1));
        var older = NewKey(now.AddDays(-2));
        await Database.UseAsync<ISigningKeyStore>(s => s.AddAsync(newer, Cancel));
        await Database.UseAsync<ISigningKeyStore>(s => s.AddAsync(older, Cancel));

        var listed = (await ListAsync()).Where(k => k.Kid == newer.Kid || k.Kid == older.Kid);

        Assert.Equal(
            new[] { older, newer }.Select(k => (k.Kid, k.CreatedAt, Convert.ToHexString(k.EncryptedPrivateKey))),
            listed.Select(k => (k.Kid, k.CreatedAt, Convert.ToHexString(k.EncryptedPrivateKey))));
    }

    [Fact]
    public async Task Of_processes_rotating_to_one_kid_at_once_exactly_one_stores_its_key()
    {
        var kid = Guid.NewGuid().ToString("N");
        var now = Rows.Now;

        var stored = await Database.RaceAsync<ISigningKeyStore, bool>(4, async (s, _) =>
        {
            try
            {
                await s.AddAsync(new SigningKey { Kid = kid, CreatedAt = now, EncryptedPrivateKey = Rows.Bytes(64) }, Cancel);
                return true;
            }
            catch (DbUpdateException)
            {
                return false;
            }
        });

        Assert.Single(stored, s => s);
        Assert.Single(await ListAsync(), k => k.Kid == kid);
    }

    [Fact]
    public async Task Keys_added_by_parallel_processes_are_all_listed()
    {
        var now = Rows.Now;
        var keys = Enumerable.Range(0, 4).Select(i => NewKey(now.AddSeconds(i))).ToList();

        await Database.RaceAsync<ISigningKeyStore, bool>(keys.Count, async (s, i) =>
        {
            await s.AddAsync(keys[i], Cancel);
            return true;
        });

        Assert.Equal(keys.Select(k => k.Kid), (await ListAsync()).Select(k => k.Kid).Where(keys.Select(k => k.Kid).Contains));
    }

    private static SigningKey NewKey(DateTime createdAt) => new() { Kid = Guid.NewGuid().ToString("N"), CreatedAt = createdAt, EncryptedPrivateKey = Rows.Bytes(1200) };

    private Task<IReadOnlyList<SigningKey>> ListAsync() => Database.UseAsync<ISigningKeyStore, IReadOnlyList<SigningKey>>(s => s.ListAsync(Cancel));
}

public sealed class SigningKeyStoreOnSqlite(SqliteStores database) : SigningKeyStoreContract, IClassFixture<SqliteStores>
{
    protected override StoreDatabase Database => database;
}

public sealed class SigningKeyStoreOnPostgres(PostgresStores database) : SigningKeyStoreContract, IClassFixture<PostgresStores>
{
    protected override StoreDatabase Database => database;
}
