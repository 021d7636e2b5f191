using Godwit.Core.Biometrics;
using Godwit.Core.Errors;
using Godwit.Core.OneTimeSecrets;
using Godwit.Core.Security;
using Godwit.Core.Sessions;
using Godwit.Core.Totps;
using Godwit.Core.Users;
using Godwit.Core.WebAuthn;
using Godwit.Storage.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Storage.Tests.Users;

/// <summary>What callers of <see cref="IUserStore"/> rely on, the same on every database.</summary>
public abstract class UserStoreContract
{
    protected abstract StoreDatabase Database { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_field_of_a_user_and_their_child_rows_comes_back_as_saved()
    {
        var saved = await Database.AddAsync(Rows.FullUser());

        var tracked = await Database.UseAsync<IUserStore, User?>(store => store.FindAsync(saved.UserId, Cancel));
        var reading = await Database.UseAsync<IUserStore, User?>(store => store.FindForReadingAsync(saved.UserId, Cancel));

        AssertSameUser(saved, tracked);
        AssertSameUser(saved, reading);
        // Recovery codes are not loaded with their user; they are read through the TOTP store.
        var codes = await Database.UseAsync<ITotpStore, IReadOnlyList<TotpRecoveryCode>>(store => store.ListUnusedRecoveryCodesAsync([saved.Totps[0].TotpId], Cancel));
        Assert.Equal(
            saved.Totps[0].RecoveryCodes.Select(c => (c.RecoveryCodeId, c.TotpId, Convert.ToHexString(c.EncryptedCode))),
            codes.Select(c => (c.RecoveryCodeId, c.TotpId, Convert.ToHexString(c.EncryptedCode))));
    }

    [Fact]
    public async Task A_user_is_found_by_external_id_email_phone_and_their_ids()
    {
        var user = await Database.AddAsync(Rows.User(Rows.Email(), Rows.Phone(), externalId: $"ext-{Guid.NewGuid():N}"));
        var email = user.Emails[0];
        var phone = user.Phones[0];

        Assert.Equal(user.UserId, (await Database.UseAsync<IUserStore, User?>(s => s.FindAsync(user.ExternalId!, Cancel)))?.UserId);
        Assert.Equal(user.UserId, (await Database.UseAsync<IUserStore, User?>(s => s.FindByEmailAsync(email.Address, Cancel)))?.UserId);
        Assert.Equal(user.UserId, (await Database.UseAsync<IUserStore, User?>(s => s.FindByPhoneAsync(phone.Number, Cancel)))?.UserId);
        Assert.Equal(user.UserId, (await Database.UseAsync<IUserStore, User?>(s => s.FindByEmailIdAsync(email.EmailId, Cancel)))?.UserId);
        Assert.Equal(user.UserId, (await Database.UseAsync<IUserStore, User?>(s => s.FindByPhoneIdAsync(phone.PhoneId, Cancel)))?.UserId);
        Assert.True(await Database.UseAsync<IUserStore, bool>(s => s.EmailTakenAsync(email.Address, Cancel)));
        Assert.True(await Database.UseAsync<IUserStore, bool>(s => s.PhoneTakenAsync(phone.Number, Cancel)));
    }

    [Fact]
    public async Task Unknown_ids_and_addresses_find_nobody()
    {
        await Database.AddUserAsync();

        Assert.Null(await Database.UseAsync<IUserStore, User?>(s => s.FindAsync(Rows.Id(PrefixedId.User), Cancel)));
        Assert.Null(await Database.UseAsync<IUserStore, User?>(s => s.FindAsync("no-such-external-id", Cancel)));
        Assert.Null(await Database.UseAsync<IUserStore, User?>(s => s.FindForReadingAsync(Rows.Id(PrefixedId.User), Cancel)));
        Assert.Null(await Database.UseAsync<IUserStore, User?>(s => s.FindByEmailAsync(Rows.Email(), Cancel)));
        Assert.Null(await Database.UseAsync<IUserStore, User?>(s => s.FindByPhoneAsync(Rows.Phone(), Cancel)));
        Assert.Null(await Database.UseAsync<IUserStore, User?>(s => s.FindByEmailIdAsync(Rows.Id(PrefixedId.Email), Cancel)));
        Assert.Null(await Database.UseAsync<IUserStore, User?>(s => s.FindByPhoneIdAsync(Rows.Id(PrefixedId.Phone), Cancel)));
        Assert.False(await Database.UseAsync<IUserStore, bool>(s => s.EmailTakenAsync(Rows.Email(), Cancel)));
        Assert.False(await Database.UseAsync<IUserStore, bool>(s => s.PhoneTakenAsync(Rows.Phone(), Cancel)));
    }

    [Fact]
    public async Task Changes_to_a_found_user_are_saved_and_changes_to_a_user_for_reading_are_not()
    {
        var user = await Database.AddUserAsync();
        var addedEmail = Rows.Email();

        await using (var scope = Database.Scope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IUserStore>();
            var found = await store.FindAsync(user.UserId, Cancel);
            found!.FirstName = "Grace";
            found.Emails.Add(new UserEmail { EmailId = Rows.Id(PrefixedId.Email), UserId = user.UserId, Address = addedEmail, CreatedAt = Rows.Now });
            var reading = await store.FindForReadingAsync(user.UserId, Cancel);
            reading!.LastName = "never saved";
            Assert.Null(await store.SaveAsync(Cancel));
        }

        var stored = await Database.UseAsync<IUserStore, User?>(s => s.FindForReadingAsync(user.UserId, Cancel));
        Assert.Equal("Grace", stored!.FirstName);
        Assert.Null(stored.LastName);
        Assert.Contains(stored.Emails, e => e.Address == addedEmail);
    }

    [Fact]
    public async Task A_second_user_with_a_taken_email_gets_duplicate_email_and_nothing_of_them_is_written()
    {
        var email = Rows.Email();
        await Database.AddAsync(Rows.User(email));
        var second = Rows.User(email, Rows.Phone());

        var error = await SaveNewAsync(second);

        Assert.Equal(ErrorCatalog.DuplicateEmail, error);
        await AssertNotStoredAsync(second);
    }

    [Fact]
    public async Task A_second_user_with_a_taken_phone_number_gets_duplicate_phone_number()
    {
        var phone = Rows.Phone();
        await Database.AddAsync(Rows.User(phone: phone));
        var second = Rows.User(Rows.Email(), phone);

        Assert.Equal(ErrorCatalog.DuplicatePhoneNumber, await SaveNewAsync(second));
        await AssertNotStoredAsync(second);
    }

    [Fact]
    public async Task A_second_user_with_a_taken_external_id_gets_duplicate_external_id()
    {
        var externalId = $"ext-{Guid.NewGuid():N}";
        await Database.AddAsync(Rows.User(Rows.Email(), externalId: externalId));
        var second = Rows.User(Rows.Email(), externalId: externalId);

        Assert.Equal(ErrorCatalog.DuplicateExternalId, await SaveNewAsync(second));
        await AssertNotStoredAsync(second);
    }

    [Fact]
    public async Task A_second_registration_of_one_webauthn_credential_or_biometric_key_is_a_duplicate()
    {
        var owner = await Database.AddAsync(Rows.FullUser());
        var credential = Rows.User(Rows.Email());
        var registration = Rows.WebAuthnRegistration(credential.UserId, Rows.Now);
        credential.WebAuthnRegistrations.Add(new WebAuthnRegistration
        {
            WebAuthnRegistrationId = registration.WebAuthnRegistrationId,
            UserId = credential.UserId,
            Domain = registration.Domain,
            CredentialId = owner.WebAuthnRegistrations[0].CredentialId,
            PublicKey = registration.PublicKey,
            UserHandle = registration.UserHandle,
        });
        var key = Rows.User(Rows.Email());
        key.BiometricRegistrations.Add(new BiometricRegistration
        {
            BiometricRegistrationId = Rows.Id(PrefixedId.BiometricRegistration),
            UserId = key.UserId,
            KeyType = BiometricKeyType.EcdsaP256,
            PublicKey = owner.BiometricRegistrations[0].PublicKey,
        });

        Assert.Equal(ErrorCatalog.DuplicateWebAuthnRegistration, await SaveNewAsync(credential));
        Assert.Equal(ErrorCatalog.DuplicateBiometricRegistration, await SaveNewAsync(key));
    }

    [Fact]
    public async Task A_second_unconfirmed_totp_of_one_user_is_refused_as_pending_totp_exists()
    {
        var user = await Database.AddUserAsync();
        await AddTotpAsync(user.UserId);

        Assert.Equal(ErrorCatalog.PendingTotpExists, await AddTotpAsync(user.UserId));
    }

    [Fact]
    public async Task After_a_conflict_the_same_store_saves_the_next_change()
    {
        var email = Rows.Email();
        await Database.AddAsync(Rows.User(email));
        var next = Rows.User(Rows.Email());

        await using var scope = Database.Scope();
        var store = scope.ServiceProvider.GetRequiredService<IUserStore>();
        store.Add(Rows.User(email));
        Assert.Equal(ErrorCatalog.DuplicateEmail, await store.SaveAsync(Cancel));
        store.Add(next);
        Assert.Null(await store.SaveAsync(Cancel));

        Assert.NotNull(await Database.UseAsync<IUserStore, User?>(s => s.FindForReadingAsync(next.UserId, Cancel)));
    }

    [Fact]
    public async Task Of_simultaneous_sign_ups_with_one_email_exactly_one_is_saved()
    {
        var email = Rows.Email();

        var errors = await Database.RaceAsync<IUserStore, ApiError?>(8, (store, _) =>
        {
            store.Add(Rows.User(email));
            return store.SaveAsync(Cancel);
        });

        Assert.Single(errors, e => e is null);
        Assert.All(errors.Where(e => e is not null), e => Assert.Equal(ErrorCatalog.DuplicateEmail, e));
    }

    [Fact]
    public async Task Removing_a_user_deletes_every_row_that_belongs_to_them()
    {
        var user = await Database.AddAsync(Rows.FullUser());
        var now = Rows.Now;
        await Database.UseAsync<ISessionStore>(s => s.AddAsync(
            new Session { SessionId = Rows.Id(PrefixedId.Session), UserId = user.UserId, TokenHash = Rows.Bytes(), StartedAt = now, LastAccessedAt = now, ExpiresAt = now.AddHours(1) },
            Cancel));
        await Database.UseAsync<IOneTimeSecretStore>(s => s.AddAsync(
            new OneTimeSecret { Id = Rows.Id(PrefixedId.Otp), Kind = OneTimeSecretKind.Otp, UserId = user.UserId, MethodId = user.Emails[0].EmailId, SecretHash = Rows.Bytes(), CreatedAt = now, ExpiresAt = now.AddMinutes(5) },
            Cancel));
        await Database.UseAsync<IWebAuthnStore>(s => s.AddChallengeAsync(
            new WebAuthnChallenge { ChallengeId = Guid.NewGuid().ToString("N"), Ceremony = WebAuthnCeremony.Authentication, UserId = user.UserId, Domain = "example.com", Challenge = Rows.Bytes(), Options = "{}", CreatedAt = now, ExpiresAt = now.AddMinutes(5) },
            Cancel));
        var biometric = user.BiometricRegistrations[0];
        await Database.UseAsync<IBiometricStore>(s => s.AddChallengeAsync(
            new BiometricChallenge { ChallengeId = Guid.NewGuid().ToString("N"), Ceremony = BiometricCeremony.Authentication, BiometricRegistrationId = biometric.BiometricRegistrationId, UserId = user.UserId, KeyType = biometric.KeyType, PublicKey = biometric.PublicKey, Challenge = Rows.Bytes(), CreatedAt = now, ExpiresAt = now.AddMinutes(5) },
            now,
            Cancel));

        await using (var scope = Database.Scope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IUserStore>();
            store.Remove((await store.FindAsync(user.UserId, Cancel))!);
            Assert.Null(await store.SaveAsync(Cancel));
        }

        await using var check = Database.Scope();
        var db = check.ServiceProvider.GetRequiredService<GodwitDbContext>();
        var id = user.UserId;
        var totpId = user.Totps[0].TotpId;
        Assert.Equal(
            new[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 },
            new[]
            {
                await db.Users.CountAsync(u => u.UserId == id, Cancel),
                await db.UserEmails.CountAsync(e => e.UserId == id, Cancel),
                await db.UserPhones.CountAsync(p => p.UserId == id, Cancel),
                await db.UserPasswords.CountAsync(p => p.UserId == id, Cancel),
                await db.Set<UserTotp>().CountAsync(t => t.UserId == id, Cancel),
                await db.Set<TotpRecoveryCode>().CountAsync(c => c.TotpId == totpId, Cancel),
                await db.Set<WebAuthnRegistration>().CountAsync(r => r.UserId == id, Cancel),
                await db.Set<BiometricRegistration>().CountAsync(r => r.UserId == id, Cancel),
                await db.Sessions.CountAsync(s => s.UserId == id, Cancel),
                await db.OneTimeSecrets.CountAsync(s => s.UserId == id, Cancel),
                await db.Set<WebAuthnChallenge>().CountAsync(c => c.UserId == id, Cancel),
                await db.Set<BiometricChallenge>().CountAsync(c => c.UserId == id, Cancel),
            });
    }

    private async Task<ApiError?> SaveNewAsync(User user) =>
        await Database.UseAsync<IUserStore, ApiError?>(store =>
        {
            store.Add(user);
            return store.SaveAsync(Cancel);
        });

    private async Task<ApiError?> AddTotpAsync(string userId)
    {
        await using var scope = Database.Scope();
        var store = scope.ServiceProvider.GetRequiredService<IUserStore>();
        var user = await store.FindAsync(userId, Cancel);
        user!.Totps.Add(Rows.Totp(userId, verified: false, Rows.Now));
        return await store.SaveAsync(Cancel);
    }

    private async Task AssertNotStoredAsync(User user)
    {
        Assert.Null(await Database.UseAsync<IUserStore, User?>(s => s.FindForReadingAsync(user.UserId, Cancel)));
        foreach (var email in user.Emails)
        {
            Assert.NotEqual(user.UserId, (await Database.UseAsync<IUserStore, User?>(s => s.FindByEmailAsync(email.Address, Cancel)))?.UserId);
        }

        foreach (var phone in user.Phones)
        {
            Assert.NotEqual(user.UserId, (await Database.UseAsync<IUserStore, User?>(s => s.FindByPhoneAsync(phone.Number, Cancel)))?.UserId);
        }
    }

    internal static void AssertSameUser(User expected, User? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(
            (expected.UserId, expected.Status, expected.FirstName, expected.MiddleName, expected.LastName, expected.TrustedMetadata, expected.UntrustedMetadata, expected.ExternalId, expected.CreatedAt),
            (actual.UserId, actual.Status, actual.FirstName, actual.MiddleName, actual.LastName, actual.TrustedMetadata, actual.UntrustedMetadata, actual.ExternalId, actual.CreatedAt));
        Assert.Equal(
            (expected.PasswordDeletedAt, expected.FailedAuthentications, expected.LockCreatedAt, expected.LockExpiresAt),
            (actual.PasswordDeletedAt, actual.FailedAuthentications, actual.LockCreatedAt, actual.LockExpiresAt));
        Assert.Equal(expected.Emails.Select(e => (e.EmailId, e.UserId, e.Address, e.Verified, e.CreatedAt)), actual.Emails.Select(e => (e.EmailId, e.UserId, e.Address, e.Verified, e.CreatedAt)));
        Assert.Equal(expected.Phones.Select(p => (p.PhoneId, p.UserId, p.Number, p.Verified, p.CreatedAt)), actual.Phones.Select(p => (p.PhoneId, p.UserId, p.Number, p.Verified, p.CreatedAt)));
        Assert.Equal(
            expected.Password is { } p ? (p.PasswordId, p.UserId, p.HashType, p.Hash, p.ResetRequired, p.CreatedAt, p.UpdatedAt) : default,
            actual.Password is { } q ? (q.PasswordId, q.UserId, q.HashType, q.Hash, q.ResetRequired, q.CreatedAt, q.UpdatedAt) : default);
        Assert.Equal(
            expected.Totps.Select(t => (t.TotpId, t.UserId, Convert.ToHexString(t.EncryptedSecret), t.Verified, t.CreatedAt, t.ExpiresAt, t.LastUsedStep, t.FailedAttempts, t.AttemptWindowStartedAt)),
            actual.Totps.Select(t => (t.TotpId, t.UserId, Convert.ToHexString(t.EncryptedSecret), t.Verified, t.CreatedAt, t.ExpiresAt, t.LastUsedStep, t.FailedAttempts, t.AttemptWindowStartedAt)));
        Assert.Equal(
            expected.WebAuthnRegistrations.Select(r => (r.WebAuthnRegistrationId, r.UserId, r.Domain, r.UserAgent, r.AuthenticatorType, r.Name, Convert.ToHexString(r.CredentialId), Convert.ToHexString(r.PublicKey), Convert.ToHexString(r.UserHandle), r.SignCount, r.CreatedAt)),
            actual.WebAuthnRegistrations.Select(r => (r.WebAuthnRegistrationId, r.UserId, r.Domain, r.UserAgent, r.AuthenticatorType, r.Name, Convert.ToHexString(r.CredentialId), Convert.ToHexString(r.PublicKey), Convert.ToHexString(r.UserHandle), r.SignCount, r.CreatedAt)));
        Assert.Equal(
            expected.BiometricRegistrations.Select(r => (r.BiometricRegistrationId, r.UserId, r.KeyType, Convert.ToHexString(r.PublicKey), r.CreatedAt)),
            actual.BiometricRegistrations.Select(r => (r.BiometricRegistrationId, r.UserId, r.KeyType, Convert.ToHexString(r.PublicKey), r.CreatedAt)));
    }
}

public sealed class UserStoreOnSqlite(SqliteStores database) : UserStoreContract, IClassFixture<SqliteStores>
{
    protected override StoreDatabase Database => database;
}

public sealed class UserStoreOnPostgres(PostgresStores database) : UserStoreContract, IClassFixture<PostgresStores>
{
    protected override StoreDatabase Database => database;
}
