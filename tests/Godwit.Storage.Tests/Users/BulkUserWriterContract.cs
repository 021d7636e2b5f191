using Godwit.Core.Users;
using Godwit.Storage.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Storage.Tests.Users;

/// <summary>
/// What imports rely on from <see cref="IBulkUserWriter"/>: SQLite's prepared statements and
/// PostgreSQL's COPY answer alike.
/// </summary>
public abstract class BulkUserWriterContract
{
    protected abstract StoreDatabase Database { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Created_users_are_stored_with_every_field_the_import_gives()
    {
        var user = Imported();
        var totp = Rows.Totp(user.UserId, verified: true, Rows.Now);
        totp.RecoveryCodes.Add(Rows.RecoveryCode(totp.TotpId));
        user.Totps.Add(totp);

        var outcomes = await WriteAsync(upsert: false, user);

        Assert.Equal([new BulkOutcome.Created(user.UserId)], outcomes);
        UserStoreContract.AssertSameUser(user, await FindAsync(user.UserId));
    }

    [Fact]
    public async Task A_user_is_matched_by_external_id_then_by_email_and_left_unchanged()
    {
        var existing = await Database.AddAsync(Rows.User(Rows.Email(), externalId: $"ext-{Guid.NewGuid():N}"));
        var byExternalId = Imported(externalId: existing.ExternalId);
        var byEmail = Imported(email: existing.Emails[0].Address);

        var outcomes = await WriteAsync(upsert: false, byExternalId, byEmail);

        Assert.Equal([new BulkOutcome.Matched(existing.UserId), new BulkOutcome.Matched(existing.UserId)], outcomes);
        UserStoreContract.AssertSameUser(existing, await FindAsync(existing.UserId));
        Assert.Null(await FindAsync(byExternalId.UserId));
    }

    [Fact]
    public async Task An_upsert_brings_names_metadata_and_verification_up_to_date_but_keeps_an_existing_password()
    {
        var existing = Rows.User(Rows.Email(), Rows.Phone(), externalId: $"ext-{Guid.NewGuid():N}");
        existing.Password = Rows.Password(existing.UserId, Rows.Now);
        await Database.AddAsync(existing);
        var passwordless = await Database.AddAsync(Rows.User(Rows.Email()));
        var update = Imported(email: existing.Emails[0].Address, phone: existing.Phones[0].Number, externalId: existing.ExternalId);
        update.Emails[0].Verified = true;
        update.Phones[0].Verified = true;
        var passwordFor = Imported(email: passwordless.Emails[0].Address);

        var outcomes = await WriteAsync(upsert: true, update, passwordFor);

        Assert.Equal([new BulkOutcome.Updated(existing.UserId), new BulkOutcome.Updated(passwordless.UserId)], outcomes);
        var stored = (await FindAsync(existing.UserId))!;
        Assert.Equal(
            (update.FirstName, update.MiddleName, update.LastName, update.TrustedMetadata, update.UntrustedMetadata, true, true, existing.Password.Hash),
            (stored.FirstName, stored.MiddleName, stored.LastName, stored.TrustedMetadata, stored.UntrustedMetadata, stored.Emails[0].Verified, stored.Phones[0].Verified, stored.Password!.Hash));
        Assert.Equal(passwordFor.Password!.Hash, (await FindAsync(passwordless.UserId))!.Password?.Hash);
    }

    [Fact]
    public async Task An_upsert_never_unverifies_an_address()
    {
        var existing = Rows.User(Rows.Email());
        existing.Emails[0].Verified = true;
        await Database.AddAsync(existing);

        await WriteAsync(upsert: true, Imported(email: existing.Emails[0].Address));

        Assert.True((await FindAsync(existing.UserId))!.Emails[0].Verified);
    }

    [Fact]
    public async Task A_phone_number_another_user_holds_is_a_conflict_and_nothing_of_that_user_is_written()
    {
        var holder = await Database.AddAsync(Rows.User(phone: Rows.Phone()));
        var taken = Imported(phone: holder.Phones[0].Number);
        var fine = Imported();

        var outcomes = await WriteAsync(upsert: false, taken, fine);

        Assert.Equal(
            [new BulkOutcome.Conflict("duplicate_phone_number", "Another user already has this phone number."), new BulkOutcome.Created(fine.UserId)],
            outcomes);
        Assert.Null(await FindAsync(taken.UserId));
        Assert.False(await Database.UseAsync<IUserStore, bool>(s => s.EmailTakenAsync(taken.Emails[0].Address, Cancel)));
    }

    [Fact]
    public async Task A_later_row_of_one_batch_with_the_email_of_an_earlier_one_is_that_person_again()
    {
        var first = Imported();
        var again = Imported(email: first.Emails[0].Address);

        var outcomes = await WriteAsync(upsert: false, first, again);

        Assert.Equal([new BulkOutcome.Created(first.UserId), new BulkOutcome.Matched(first.UserId)], outcomes);
    }

    [Fact]
    public async Task Batches_of_one_transaction_see_each_other_and_vanish_together_without_a_commit()
    {
        var first = Imported();
        var again = Imported(email: first.Emails[0].Address);

        await using (var scope = Database.Scope())
        {
            var writer = scope.ServiceProvider.GetRequiredService<IBulkUserWriter>();
            await using var transaction = await writer.BeginAsync(Cancel);
            Assert.Equal([new BulkOutcome.Created(first.UserId)], await transaction.WriteAsync([first], upsert: false, Cancel));
            Assert.Equal([new BulkOutcome.Matched(first.UserId)], await transaction.WriteAsync([again], upsert: false, Cancel));
        }

        Assert.Null(await FindAsync(first.UserId));
    }

    [Fact]
    public async Task Committed_batches_of_one_transaction_are_all_stored()
    {
        var first = Imported();
        var second = Imported();

        await using (var scope = Database.Scope())
        {
            var writer = scope.ServiceProvider.GetRequiredService<IBulkUserWriter>();
            await using var transaction = await writer.BeginAsync(Cancel);
            await transaction.WriteAsync([first], upsert: false, Cancel);
            await transaction.WriteAsync([second], upsert: false, Cancel);
            await transaction.CommitAsync(Cancel);
        }

        Assert.NotNull(await FindAsync(first.UserId));
        Assert.NotNull(await FindAsync(second.UserId));
    }

    [Fact]
    public async Task Of_parallel_imports_of_one_person_exactly_one_creates_them()
    {
        var email = Rows.Email();
        var copies = Enumerable.Range(0, 4).Select(_ => Imported(email: email)).ToList();

        var outcomes = await Database.RaceAsync<IBulkUserWriter, BulkOutcome>(copies.Count, async (w, i) => (await w.WriteAsync([copies[i]], upsert: false, Cancel)).Single());

        var created = Assert.Single(outcomes.OfType<BulkOutcome.Created>());
        Assert.All(outcomes.Where(o => o is not BulkOutcome.Created), o => Assert.Equal(new BulkOutcome.Matched(created.UserId), o));
    }

    [Fact]
    public async Task Every_email_and_phone_number_of_a_new_user_is_written_with_its_own_verified_state()
    {
        var user = WithMore(Imported(phone: Rows.Phone()), (Rows.Email(), true), (Rows.Email(), false));
        user.Phones.Add(new UserPhone { PhoneId = Rows.Id(PrefixedId.Phone), UserId = user.UserId, Number = Rows.Phone(), Verified = true, CreatedAt = user.CreatedAt });

        var outcomes = await WriteAsync(upsert: false, user);
        var stored = (await FindAsync(user.UserId))!;

        Assert.Equal([new BulkOutcome.Created(user.UserId)], outcomes);
        Assert.Equal(
            user.Emails.Select(e => (e.EmailId, e.Address, e.Verified)).Order(),
            stored.Emails.Select(e => (e.EmailId, e.Address, e.Verified)).Order());
        Assert.Equal(
            user.Phones.Select(p => (p.PhoneId, p.Number, p.Verified)).Order(),
            stored.Phones.Select(p => (p.PhoneId, p.Number, p.Verified)).Order());
    }

    [Fact]
    public async Task A_further_email_another_user_holds_is_a_conflict_and_nothing_of_that_user_is_written()
    {
        var holder = await Database.AddAsync(Rows.User(Rows.Email()));
        var taken = WithMore(Imported(), (holder.Emails[0].Address, false));
        var fine = WithMore(Imported(), (Rows.Email(), false));

        var outcomes = await WriteAsync(upsert: false, taken, fine);

        Assert.Equal(
            [new BulkOutcome.Conflict("duplicate_email", "Another user already has one of this user's emails."), new BulkOutcome.Created(fine.UserId)],
            outcomes);
        Assert.Null(await FindAsync(taken.UserId));
        Assert.False(await Database.UseAsync<IUserStore, bool>(s => s.EmailTakenAsync(taken.Emails[0].Address, Cancel)));
        Assert.Equal(2, (await FindAsync(fine.UserId))!.Emails.Count);
    }

    [Fact]
    public async Task An_upsert_verifies_a_matched_users_further_email_where_the_export_says_so()
    {
        var existing = Rows.User(Rows.Email());
        var second = Rows.Email();
        existing.Emails.Add(new UserEmail { EmailId = Rows.Id(PrefixedId.Email), UserId = existing.UserId, Address = second, CreatedAt = existing.CreatedAt });
        await Database.AddAsync(existing);

        var outcomes = await WriteAsync(upsert: true, WithMore(Imported(email: existing.Emails[0].Address), (second, true)));

        Assert.Equal([new BulkOutcome.Updated(existing.UserId)], outcomes);
        Assert.True((await FindAsync(existing.UserId))!.Emails.Single(e => e.Address == second).Verified);
    }

    private static User WithMore(User user, params (string Address, bool Verified)[] emails)
    {
        foreach (var (address, verified) in emails)
        {
            user.Emails.Add(new UserEmail { EmailId = Rows.Id(PrefixedId.Email), UserId = user.UserId, Address = address, Verified = verified, CreatedAt = user.CreatedAt });
        }

        return user;
    }

    /// <summary>A user as an import builds them: every id assigned, a password set when the user was created.</summary>
    private static User Imported(string? email = null, string? phone = null, string? externalId = null)
    {
        var user = Rows.User(email ?? Rows.Email(), phone, externalId, createdAt: Rows.Now.AddDays(-30));
        user.Status = UserStatus.Active;
        user.FirstName = "Imported";
        user.MiddleName = "From";
        user.LastName = $"Legacy {Guid.NewGuid():N}";
        user.TrustedMetadata = """{"source":"legacy"}""";
        user.UntrustedMetadata = """{"locale":"en"}""";
        // Stamped when the user was created: PostgreSQL's writer stores the user's created_at as the
        // password's created_at and updated_at, SQLite's the password's own.
        var password = Rows.Password(user.UserId, user.CreatedAt);
        user.Password = new() { PasswordId = password.PasswordId, UserId = user.UserId, HashType = password.HashType, Hash = password.Hash, CreatedAt = user.CreatedAt, UpdatedAt = user.CreatedAt };
        return user;
    }

    private Task<IReadOnlyList<BulkOutcome>> WriteAsync(bool upsert, params User[] users) =>
        Database.UseAsync<IBulkUserWriter, IReadOnlyList<BulkOutcome>>(w => w.WriteAsync(users, upsert, Cancel));

    private Task<User?> FindAsync(string userId) =>
        Database.UseAsync<IUserStore, User?>(s => s.FindForReadingAsync(userId, Cancel));
}

public sealed class BulkUserWriterOnSqlite(SqliteStores database) : BulkUserWriterContract, IClassFixture<SqliteStores>
{
    protected override StoreDatabase Database => database;
}

public sealed class BulkUserWriterOnPostgres(PostgresStores database) : BulkUserWriterContract, IClassFixture<PostgresStores>
{
    protected override StoreDatabase Database => database;
}
