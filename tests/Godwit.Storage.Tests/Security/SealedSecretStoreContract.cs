using Godwit.Core.Security;
using Godwit.Core.Sessions;
using Godwit.Core.Totps;
using Godwit.Core.Users;
using Godwit.Storage.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Storage.Tests.Security;

/// <summary>
/// What re-sealing relies on from <see cref="ISealedSecretStore"/>, the same on every database. Pages
/// run over the whole table, so each test reads every page and looks only at its own rows.
/// </summary>
public abstract class SealedSecretStoreContract
{
    protected abstract StoreDatabase Database { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pages_of_each_column_visit_every_row_once_in_id_order()
    {
        var user = await Database.AddAsync(Rows.FullUser());
        var second = Rows.Totp(user.UserId, verified: false, Rows.Now);
        second.RecoveryCodes.Add(Rows.RecoveryCode(second.TotpId));
        await AddTotpAsync(user.UserId, second);
        var keys = new List<SigningKey>();
        for (var i = 0; i < 3; i++)
        {
            var key = new SigningKey { Kid = Guid.NewGuid().ToString("N"), CreatedAt = Rows.Now, EncryptedPrivateKey = Rows.Bytes(64) };
            await Database.UseAsync<ISigningKeyStore>(s => s.AddAsync(key, Cancel));
            keys.Add(key);
        }

        var totps = new[] { user.Totps[0], second };
        var codes = totps.SelectMany(t => t.RecoveryCodes).ToList();
        await AssertPagesAsync(SealedColumn.SigningKeys, keys.Select(k => new StoredSeal(k.Kid, k.EncryptedPrivateKey)));
        await AssertPagesAsync(SealedColumn.TotpSecrets, totps.Select(t => new StoredSeal(t.TotpId, t.EncryptedSecret)));
        await AssertPagesAsync(SealedColumn.TotpRecoveryCodes, codes.Select(c => new StoredSeal(c.RecoveryCodeId, c.EncryptedCode)));
    }

    [Fact]
    public async Task A_replacement_is_written_only_where_the_row_still_holds_the_value_read()
    {
        var user = await Database.AddAsync(Rows.FullUser());
        var totp = user.Totps[0];
        var code = totp.RecoveryCodes[0];
        var key = new SigningKey { Kid = Guid.NewGuid().ToString("N"), CreatedAt = Rows.Now, EncryptedPrivateKey = Rows.Bytes(64) };
        await Database.UseAsync<ISigningKeyStore>(s => s.AddAsync(key, Cancel));
        var resealed = Rows.Bytes(64);

        Assert.Equal(1, await ReplaceAsync(SealedColumn.SigningKeys, new SealReplacement(key.Kid, key.EncryptedPrivateKey, resealed), new SealReplacement(Guid.NewGuid().ToString("N"), key.EncryptedPrivateKey, resealed)));
        Assert.Equal(0, await ReplaceAsync(SealedColumn.SigningKeys, new SealReplacement(key.Kid, key.EncryptedPrivateKey, Rows.Bytes(64))));
        Assert.Equal(1, await ReplaceAsync(SealedColumn.TotpSecrets, new SealReplacement(totp.TotpId, totp.EncryptedSecret, resealed)));
        Assert.Equal(0, await ReplaceAsync(SealedColumn.TotpRecoveryCodes, new SealReplacement(code.RecoveryCodeId, Rows.Bytes(40), resealed)));

        Assert.Equal(resealed, (await Database.UseAsync<ISigningKeyStore, IReadOnlyList<SigningKey>>(s => s.ListAsync(Cancel))).Single(k => k.Kid == key.Kid).EncryptedPrivateKey);
        Assert.Equal(resealed, (await ReadAllAsync(SealedColumn.TotpSecrets)).Single(s => s.RowId == totp.TotpId).Sealed);
        Assert.Equal(code.EncryptedCode, (await ReadAllAsync(SealedColumn.TotpRecoveryCodes)).Single(s => s.RowId == code.RecoveryCodeId).Sealed);
    }

    private async Task AddTotpAsync(string userId, UserTotp totp)
    {
        await using var scope = Database.Scope();
        var store = scope.ServiceProvider.GetRequiredService<IUserStore>();
        (await store.FindAsync(userId, Cancel))!.Totps.Add(totp);
        Assert.Null(await store.SaveAsync(Cancel));
    }

    private Task<int> ReplaceAsync(SealedColumn column, params SealReplacement[] replacements) =>
        Database.UseAsync<ISealedSecretStore, int>(s => s.ReplaceAsync(column, replacements, Cancel));

    private async Task<List<StoredSeal>> ReadAllAsync(SealedColumn column, int pageSize = 2)
    {
        var all = new List<StoredSeal>();
        string? after = null;
        while (true)
        {
            var page = await Database.UseAsync<ISealedSecretStore, IReadOnlyList<StoredSeal>>(s => s.ReadPageAsync(column, after, pageSize, Cancel));
            Assert.True(page.Count <= pageSize);
            if (page.Count == 0)
            {
                return all;
            }

            all.AddRange(page);
            after = page[^1].RowId;
        }
    }

    private async Task AssertPagesAsync(SealedColumn column, IEnumerable<StoredSeal> mine)
    {
        var expected = mine.OrderBy(s => s.RowId, StringComparer.Ordinal).ToList();
        var ids = expected.Select(s => s.RowId).ToHashSet();

        var read = await ReadAllAsync(column);

        Assert.Equal(read.Select(s => s.RowId).Distinct().Count(), read.Count);
        Assert.Equal(
            expected.Select(s => (s.RowId, Convert.ToHexString(s.Sealed))),
            read.Where(s => ids.Contains(s.RowId)).Select(s => (s.RowId, Convert.ToHexString(s.Sealed))));
    }
}

public sealed class SealedSecretStoreOnSqlite(SqliteStores database) : SealedSecretStoreContract, IClassFixture<SqliteStores>
{
    protected override StoreDatabase Database => database;
}

public sealed class SealedSecretStoreOnPostgres(PostgresStores database) : SealedSecretStoreContract, IClassFixture<PostgresStores>
{
    protected override StoreDatabase Database => database;
}
