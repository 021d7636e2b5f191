using System.Net;
using Godwit.Core.Security;
using Godwit.Server.Tests.Totps;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Godwit.Server.Tests.Keys;

/// <summary>
/// Rotating the API secret and the encryption keys on every database: what was sealed before
/// (TOTP secrets, recovery codes, JWT signing keys) keeps working, and <c>godwit keys reseal</c>
/// moves it to the newest key so older keys, and the secret, can go.
/// </summary>
public abstract class KeyRotationContract
{
    private const string SecretA = "secret-live-keys-a-0123456789abcdef0123456789abcdef";
    private const string SecretB = "secret-live-keys-b-fedcba9876543210fedcba9876543210";

    protected abstract string Provider { get; }

    [Fact]
    public async Task A_totp_and_a_session_jwt_made_before_the_api_secret_changes_work_after_it()
    {
        await using var godwit = await RestartingGodwit.CreateAsync(Provider);
        var keys = EncryptionKey.NewSetting(DateTimeOffset.UtcNow);
        var before = await MakeFactorsAsync(godwit, SecretA, keys);

        await using var after = await godwit.StartAsync(SecretB, keys);
        var checks = await CheckFactorsAsync(godwit, after, before);

        Assert.Equal(SecretB, after.Secret);
        Assert.Equal(HttpStatusCode.OK, checks.Code.Status);
        Assert.Equal(HttpStatusCode.OK, checks.Recovery.Status);
        Assert.Equal(HttpStatusCode.OK, checks.Session.Status);
        Assert.True(checks.JwtVerifiesAgainstJwks);
    }

    [Fact]
    public async Task A_value_sealed_under_an_older_key_opens_after_a_newer_key_is_put_first_and_after_reseal_the_older_key_can_go()
    {
        await using var godwit = await RestartingGodwit.CreateAsync(Provider);
        var older = EncryptionKey.NewSetting(DateTimeOffset.UtcNow);
        var newer = EncryptionKey.NewSetting(DateTimeOffset.UtcNow);
        var before = await MakeFactorsAsync(godwit, SecretA, older);
        var sealedBefore = await godwit.Database.KeyIdsAsync();

        CheckedFactors withBoth;
        NewTotp sealedUnderNewer;
        await using (var both = await godwit.StartAsync(SecretA, $"{newer},{older}"))
        {
            withBoth = await CheckFactorsAsync(godwit, both, before);
            sealedUnderNewer = await TotpUsers.CreateAsync(both, (await TotpUsers.LogInAsync(both)).UserId);
        }

        var sealedWithBoth = await godwit.Database.KeyIdsAsync();
        var reseal = await godwit.ResealAsync(SecretA, $"{newer},{older}");
        var sealedAfterReseal = await godwit.Database.KeyIdsAsync();
        var again = await godwit.ResealAsync(SecretA, $"{newer},{older}");
        await using var newerOnly = await godwit.StartAsync(SecretA, newer);
        var withNewerOnly = await CheckFactorsAsync(godwit, newerOnly, before, recoveryCode: 1);

        Assert.All(sealedBefore, id => Assert.Equal(IdOf(older), id));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, true), (withBoth.Code.Status, withBoth.Recovery.Status, withBoth.Session.Status, withBoth.JwtVerifiesAgainstJwks));
        Assert.Equal(11, sealedWithBoth.Count(id => id == IdOf(newer)));
        Assert.True(reseal.ExitCode == 0, reseal.ToString());
        Assert.Contains($"Sealing under {IdOf(newer)}, the newest key.", reseal.Output, StringComparison.Ordinal);
        Assert.Contains("JWT signing keys: 1 re-sealed, 0 already under it, 0 open under no configured key.", reseal.Output, StringComparison.Ordinal);
        Assert.Contains("TOTP secrets: 1 re-sealed, 1 already under it, 0 open under no configured key.", reseal.Output, StringComparison.Ordinal);
        Assert.Contains("TOTP recovery codes: 10 re-sealed, 10 already under it, 0 open under no configured key.", reseal.Output, StringComparison.Ordinal);
        Assert.Equal(sealedBefore.Count + 11, sealedAfterReseal.Count);
        Assert.All(sealedAfterReseal, id => Assert.Equal(IdOf(newer), id));
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("TOTP recovery codes: 0 re-sealed, 20 already under it, 0 open under no configured key.", again.Output, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, true), (withNewerOnly.Code.Status, withNewerOnly.Recovery.Status, withNewerOnly.Session.Status, withNewerOnly.JwtVerifiesAgainstJwks));
        Assert.Equal(10, sealedUnderNewer.RecoveryCodes.Count);
    }

    [Fact]
    public async Task A_database_sealed_under_the_api_secret_works_after_the_upgrade_and_after_reseal_the_secret_can_change()
    {
        await using var godwit = await RestartingGodwit.CreateAsync(Provider);
        var keys = EncryptionKey.NewSetting(DateTimeOffset.UtcNow);
        var before = await MakeFactorsAsync(godwit, SecretA, keys);
        await LegacySealing.RewriteAsync(godwit.Database, SecretA, keys);
        var sealedBefore = await godwit.Database.KeyIdsAsync();

        CheckedFactors upgraded;
        await using (var server = await godwit.StartAsync(SecretA, keys))
        {
            upgraded = await CheckFactorsAsync(godwit, server, before);
        }

        var reseal = await godwit.ResealAsync(SecretA, keys);
        var sealedAfterReseal = await godwit.Database.KeyIdsAsync();
        await using var rotated = await godwit.StartAsync(SecretB, keys);
        var afterRotation = await CheckFactorsAsync(godwit, rotated, before, recoveryCode: 1);

        Assert.Equal(12, sealedBefore.Count);
        Assert.All(sealedBefore, id => Assert.NotEqual(IdOf(keys), id));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, true), (upgraded.Code.Status, upgraded.Recovery.Status, upgraded.Session.Status, upgraded.JwtVerifiesAgainstJwks));
        Assert.True(reseal.ExitCode == 0, reseal.ToString());
        Assert.Contains("TOTP recovery codes: 10 re-sealed, 0 already under it", reseal.Output, StringComparison.Ordinal);
        Assert.Equal(12, sealedAfterReseal.Count);
        Assert.All(sealedAfterReseal, id => Assert.Equal(IdOf(keys), id));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, true), (afterRotation.Code.Status, afterRotation.Recovery.Status, afterRotation.Session.Status, afterRotation.JwtVerifiesAgainstJwks));
    }

    [Fact]
    public async Task Reseal_reports_values_no_configured_key_opens_leaves_them_and_exits_with_1()
    {
        await using var godwit = await RestartingGodwit.CreateAsync(Provider);
        var lost = EncryptionKey.NewSetting(DateTimeOffset.UtcNow);
        var configured = EncryptionKey.NewSetting(DateTimeOffset.UtcNow);
        await MakeFactorsAsync(godwit, SecretA, lost);
        var sealedBefore = await godwit.Database.KeyIdsAsync();

        var reseal = await godwit.ResealAsync(SecretA, configured);

        Assert.Equal(1, reseal.ExitCode);
        Assert.Contains("TOTP secrets: 0 re-sealed, 0 already under it, 1 open under no configured key.", reseal.Output, StringComparison.Ordinal);
        Assert.Contains("12 values open under no configured key", reseal.Errors, StringComparison.Ordinal);
        Assert.Equal(sealedBefore, await godwit.Database.KeyIdsAsync());
    }

    [Fact]
    public async Task A_sealed_value_is_replaced_only_while_it_still_holds_what_was_read()
    {
        await using var godwit = await RestartingGodwit.CreateAsync(Provider);
        await using var server = await godwit.StartAsync(SecretA, EncryptionKey.NewSetting(DateTimeOffset.UtcNow));
        var user = await TotpUsers.LogInAsync(server);
        var totp = await TotpUsers.CreateAsync(server, user.UserId);
        var stored = (await godwit.Database.ReadAsync("user_totps", "totp_id", "encrypted_secret"))[totp.TotpId];
        await using var scope = server.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ISealedSecretStore>();

        var stale = await store.ReplaceAsync(SealedColumn.TotpSecrets, [new SealReplacement(totp.TotpId, [1, 2, 3], [4, 5, 6])], TestContext.Current.CancellationToken);
        var unchanged = (await godwit.Database.ReadAsync("user_totps", "totp_id", "encrypted_secret"))[totp.TotpId];
        var current = await store.ReplaceAsync(SealedColumn.TotpSecrets, [new SealReplacement(totp.TotpId, stored, [4, 5, 6])], TestContext.Current.CancellationToken);
        var page = await store.ReadPageAsync(SealedColumn.TotpSecrets, afterRowId: null, pageSize: 10, TestContext.Current.CancellationToken);

        Assert.Equal((0, 1), (stale, current));
        Assert.Equal(stored, unchanged);
        Assert.Equal(new byte[] { 4, 5, 6 }, Assert.Single(page, p => p.RowId == totp.TotpId).Sealed);
        Assert.Empty(await store.ReadPageAsync(SealedColumn.TotpSecrets, page[^1].RowId, 10, TestContext.Current.CancellationToken));
    }

    /// <summary>
    /// A user who logged in (a session JWT) and enrolled an authenticator app, on a server that
    /// stops afterwards: everything sealed is sealed under <paramref name="keys"/>.
    /// </summary>
    private static async Task<MadeFactors> MakeFactorsAsync(RestartingGodwit godwit, string secret, string keys)
    {
        await using var server = await godwit.StartAsync(secret, keys);
        var (user, totp) = await TotpUsers.EnrolAsync(server, godwit.Clock);
        return new MadeFactors(user, totp);
    }

    /// <summary>A code of the current step, an unused recovery code, and the session JWT, each on this server.</summary>
    private static async Task<CheckedFactors> CheckFactorsAsync(RestartingGodwit godwit, GodwitHost server, MadeFactors made, int recoveryCode = 0)
    {
        // Each check runs at a later 30-second step than the one before, as no code works twice.
        godwit.Clock.Advance(TimeSpan.FromSeconds(30));
        var code = await server.Client.PostAsync("/v1/totps/authenticate", new { user_id = made.User.UserId, totp_code = await Otplib.CodeAsync(made.Totp.Secret, godwit.Clock.GetUtcNow()) });
        var recovery = await server.Client.PostAsync("/v1/totps/recover", new { user_id = made.User.UserId, recovery_code = made.Totp.RecoveryCodes[recoveryCode] });
        var session = await server.Client.PostAsync("/v1/sessions/authenticate", new { session_jwt = made.User.SessionJwt });
        using var jwks = await server.Anonymous.GetAsync(new Uri($"/v1/sessions/jwks/{server.ProjectId}", UriKind.Relative), TestContext.Current.CancellationToken);
        var verified = await new JsonWebTokenHandler().ValidateTokenAsync(made.User.SessionJwt, new TokenValidationParameters
        {
            ValidIssuer = server.BaseUrl.ToString().TrimEnd('/'),
            ValidAudience = server.ProjectId,
            IssuerSigningKeys = new JsonWebKeySet(await jwks.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).GetSigningKeys(),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            // The JWT was issued on the fake clock; its signature and key are what is checked here.
            ValidateLifetime = false,
        });
        return new CheckedFactors(code, recovery, session, verified.IsValid);
    }

    private static string IdOf(string setting) => setting[..setting.IndexOf(':', StringComparison.Ordinal)];

    private sealed record MadeFactors(LoggedInUser User, NewTotp Totp);

    private sealed record CheckedFactors(ApiAnswer Code, ApiAnswer Recovery, ApiAnswer Session, bool JwtVerifiesAgainstJwks);
}

public sealed class KeyRotationOnSqlite : KeyRotationContract
{
    protected override string Provider => "sqlite";
}

public sealed class KeyRotationOnPostgres : KeyRotationContract
{
    protected override string Provider => "postgres";
}
