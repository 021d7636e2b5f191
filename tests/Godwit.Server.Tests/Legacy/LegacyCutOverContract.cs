using System.Net;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Legacy;

/// <summary>
/// Stepping over <c>Godwit:Migration:LegacyAuthoritativeUntil</c>: one second before it the legacy
/// system decides; from it on, Godwit's copy alone does, holding the last password the legacy system
/// accepted. One test per class, since it moves the clock past the fixture's cut-over for good.
/// </summary>
public abstract class LegacyCutOverContract
{
    private const string FirstPassword = "legacy correct horse battery staple 1998";
    private const string ChangedPassword = "changed in the legacy app, staple battery 2026";
    private const string ChangedAfterCutOver = "changed again too late, orchard lantern 2027";

    private protected abstract OverlapGodwit Godwit { get; }

    [Fact]
    public async Task From_the_cut_over_on_the_hook_is_not_asked_and_the_last_password_it_accepted_works()
    {
        var legacy = Godwit.Legacy;
        var email = ApiCalls.UniqueEmail();
        legacy.AddAccount(email, FirstPassword);
        var imported = await Authenticate(email, FirstPassword);
        legacy.AddAccount(email, ChangedPassword);

        Godwit.Clock.SetUtcNow(Godwit.CutOver.AddSeconds(-1));
        var lastSecond = await Authenticate(email, ChangedPassword);
        var askedDuringOverlap = legacy.PasswordHookCalls(email);

        Godwit.Clock.SetUtcNow(Godwit.CutOver);
        legacy.AddAccount(email, ChangedAfterCutOver);
        var followed = await Authenticate(email, ChangedPassword);
        var tooLate = await Authenticate(email, ChangedAfterCutOver);
        var first = await Authenticate(email, FirstPassword);

        Assert.Equal(HttpStatusCode.OK, imported.Status);
        Assert.Equal(HttpStatusCode.OK, lastSecond.Status);
        Assert.Equal(2, askedDuringOverlap);
        Assert.Equal(HttpStatusCode.OK, followed.Status);
        Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized_credentials"), (tooLate.Status, tooLate.ErrorType));
        Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized_credentials"), (first.Status, first.ErrorType));
        Assert.Equal(askedDuringOverlap, legacy.PasswordHookCalls(email));
        Assert.Empty(legacy.SignatureProblems);
    }

    private Task<ApiAnswer> Authenticate(string email, string password) =>
        Godwit.Host.Client.PostAsync("/v1/passwords/authenticate", new { email, password });
}

public sealed class LegacyCutOverOnSqlite(CutOverSqliteGodwit godwit) : LegacyCutOverContract, IClassFixture<CutOverSqliteGodwit>
{
    private protected override OverlapGodwit Godwit => godwit;
}

public sealed class LegacyCutOverOnPostgres(CutOverPostgresGodwit godwit) : LegacyCutOverContract, IClassFixture<CutOverPostgresGodwit>
{
    private protected override OverlapGodwit Godwit => godwit;
}
