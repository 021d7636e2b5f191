using System.Net;
using System.Security.Cryptography;
using System.Text;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.MagicLinks;

/// <summary>Magic links sent with a PKCE challenge, on every database.</summary>
public abstract class MagicLinkPkceContract
{
    protected abstract GodwitHost Host { get; }

    private const string Verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    private HttpClient Client => Host.Client;

    [Fact]
    public void The_challenge_is_the_rfc_7636_appendix_b_example()
    {
        Assert.Equal("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", Challenge(Verifier));
    }

    [Fact]
    public async Task A_link_sent_with_a_challenge_opens_only_with_the_matching_verifier_and_survives_failed_tries()
    {
        var email = ApiCalls.UniqueEmail();
        await Client.PostAsync("/v1/magic_links/email/login_or_create", new { email, code_challenge = Challenge(Verifier) });
        var token = await Host.LinkTokenAsync(email);

        var missing = await Client.PostAsync("/v1/magic_links/authenticate", new { token });
        var wrong = await Client.PostAsync("/v1/magic_links/authenticate", new { token, code_verifier = Verifier + "x" });
        var right = await Client.PostAsync("/v1/magic_links/authenticate", new { token, code_verifier = Verifier });

        Assert.Equal((HttpStatusCode.BadRequest, "pkce_expected_code_verifier"), (missing.Status, missing.ErrorType));
        Assert.Equal((HttpStatusCode.BadRequest, "pkce_mismatch"), (wrong.Status, wrong.ErrorType));
        Assert.Equal(HttpStatusCode.OK, right.Status);
    }

    [Fact]
    public async Task A_verifier_for_a_link_sent_without_a_challenge_is_refused_and_the_link_still_works()
    {
        var email = ApiCalls.UniqueEmail();
        await Client.PostAsync("/v1/magic_links/email/login_or_create", new { email });
        var token = await Host.LinkTokenAsync(email);

        var unexpected = await Client.PostAsync("/v1/magic_links/authenticate", new { token, code_verifier = Verifier });
        var plain = await Client.PostAsync("/v1/magic_links/authenticate", new { token });

        Assert.Equal((HttpStatusCode.BadRequest, "pkce_did_not_expect_code_verifier"), (unexpected.Status, unexpected.ErrorType));
        Assert.Equal(HttpStatusCode.OK, plain.Status);
    }

    private static string Challenge(string verifier) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

public sealed class MagicLinkPkceOnSqlite(SqliteGodwit godwit) : MagicLinkPkceContract, IClassFixture<SqliteGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}

public sealed class MagicLinkPkceOnPostgres(PostgresGodwit godwit) : MagicLinkPkceContract, IClassFixture<PostgresGodwit>
{
    protected override GodwitHost Host => godwit.Host;
}
