using System.Net;
using Godwit.Server.Tests.Sessions;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;
using Microsoft.Extensions.Time.Testing;
using QRCoder;

namespace Godwit.Server.Tests.Totps;

/// <summary>
/// TOTP enrolment and authentication on every database, with a fake clock and codes from otplib.
/// Tests in a class share the clock and move it forward only; each uses its own users.
/// </summary>
public abstract partial class TotpContract
{
    protected abstract ClockedGodwit Godwit { get; }

    private FakeTimeProvider Clock => Godwit.Clock;

    private GodwitHost Host => Godwit.Host;

    private HttpClient Client => Godwit.Host.Client;

    [Fact]
    public async Task Enrolment_is_refused_with_nothing_stored_until_the_user_has_logged_in_and_proven_every_address()
    {
        var email = ApiCalls.UniqueEmail();
        var sent = await Client.PostAsync("/v1/otps/email/login_or_create", new { email });
        var pendingId = sent.Text("user_id");
        var unverifiedId = (await Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail() })).Text("user_id");
        var imported = await Client.PostAsync("/v1/users/import", new { users = new[] { new { email = ApiCalls.UniqueEmail() } } });
        var importedId = imported.Body.GetProperty("results")[0].GetProperty("user_id").GetString()!;

        var pending = await Client.PostAsync("/v1/totps", new { user_id = pendingId });
        var unverified = await Client.PostAsync("/v1/totps", new { user_id = unverifiedId });
        var importedRefused = await Client.PostAsync("/v1/totps", new { user_id = importedId });
        var pendingRows = await TotpUsers.RowsAsync(Host, pendingId);

        var code = await MagicLinks.Inbox.EmailCodeAsync(Host, email);
        var login = await Client.PostAsync("/v1/otps/authenticate", new { method_id = sent.Text("email_id"), code });
        var afterLogin = await Client.PostAsync("/v1/totps", new { user_id = pendingId });

        Assert.Equal((HttpStatusCode.BadRequest, "second_factor_user_not_active"), (pending.Status, pending.ErrorType));
        Assert.Equal((HttpStatusCode.BadRequest, "second_factor_unverified_primary_factor"), (unverified.Status, unverified.ErrorType));
        Assert.Equal((HttpStatusCode.BadRequest, "second_factor_unverified_primary_factor"), (importedRefused.Status, importedRefused.ErrorType));
        Assert.Empty(pendingRows);
        Assert.Empty(await TotpUsers.RowsAsync(Host, unverifiedId));
        Assert.Empty(await TotpUsers.RowsAsync(Host, importedId));
        Assert.Equal(HttpStatusCode.OK, login.Status);
        Assert.Equal(HttpStatusCode.OK, afterLogin.Status);
        Assert.Single(await TotpUsers.RowsAsync(Host, pendingId));
    }

    [Fact]
    public async Task Create_returns_a_base32_secret_ten_recovery_codes_and_a_png_qr_code_of_the_otpauth_uri()
    {
        var user = await TotpUsers.LogInAsync(Host);

        var totp = await TotpUsers.CreateAsync(Host, user.UserId);

        var body = totp.Answer.Body;
        Assert.Matches("^totp-live-[0-9a-f-]{36}$", totp.TotpId);
        Assert.Matches("^[A-Z2-7]{32}$", totp.Secret);
        Assert.Equal(10, totp.RecoveryCodes.Distinct().Count());
        Assert.All(totp.RecoveryCodes, code => Assert.Matches("^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$", code));
        Assert.Equal(user.UserId, totp.Answer.Text("user_id"));
        var listed = Assert.Single(body.GetProperty("user").GetProperty("totps").EnumerateArray());
        Assert.Equal((totp.TotpId, false), (listed.GetProperty("totp_id").GetString(), listed.GetProperty("verified").GetBoolean()));

        var qrCode = totp.Answer.Text("qr_code");
        Assert.StartsWith("data:image/png;base64,", qrCode, StringComparison.Ordinal);
        var png = Convert.FromBase64String(qrCode["data:image/png;base64,".Length..]);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        // No QR decoder is at hand, so the expected URI, written out here field by field, is drawn
        // the same way and the two images must be identical: the QR holds exactly this URI.
        var expectedUri = $"otpauth://totp/Godwit:{user.Email.Replace("@", "%40", StringComparison.Ordinal)}?secret={totp.Secret}&issuer=Godwit";
        Assert.Equal(PngByteQRCodeHelper.GetQRCode(expectedUri, QRCodeGenerator.ECCLevel.M, 6, drawQuietZones: true), png);
    }

    [Fact]
    public async Task The_previous_current_and_next_steps_codes_are_accepted_but_not_codes_two_steps_away()
    {
        var user = await TotpUsers.LogInAsync(Host);
        var totp = await TotpUsers.CreateAsync(Host, user.UserId);
        var now = Clock.GetUtcNow();
        var codes = await Otplib.CodesAsync(totp.Secret, now.AddSeconds(-60), now.AddSeconds(60), now.AddSeconds(-30), now, now.AddSeconds(30));

        var twoBack = await Authenticate(user.UserId, codes[0]);
        var twoAhead = await Authenticate(user.UserId, codes[1]);
        var previous = await Authenticate(user.UserId, codes[2]);
        var current = await Authenticate(user.UserId, codes[3]);
        var next = await Authenticate(user.UserId, codes[4]);

        Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_authenticate_totp"), (twoBack.Status, twoBack.ErrorType));
        Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_authenticate_totp"), (twoAhead.Status, twoAhead.ErrorType));
        Assert.Equal(HttpStatusCode.OK, previous.Status);
        Assert.Equal(totp.TotpId, previous.Text("totp_id"));
        Assert.True(previous.Body.GetProperty("user").GetProperty("totps")[0].GetProperty("verified").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, current.Status);
        Assert.Equal(HttpStatusCode.OK, next.Status);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, current.Body.GetProperty("session").ValueKind);
        Assert.Equal("", current.Text("session_token"));
    }

    [Fact]
    public async Task A_code_is_never_accepted_twice_nor_an_older_one_after_a_newer()
    {
        var (user, totp) = await TotpUsers.EnrolAsync(Host, Clock);
        var now = Clock.GetUtcNow();
        var codes = await Otplib.CodesAsync(totp.Secret, now.AddSeconds(-30), now, now.AddSeconds(30));

        var verifyingCodeAgain = await Authenticate(user.UserId, codes[0]);
        var next = await Authenticate(user.UserId, codes[2]);
        var current = await Authenticate(user.UserId, codes[1]);
        var nextAgain = await Authenticate(user.UserId, codes[2]);

        Assert.Equal((HttpStatusCode.Unauthorized, "totp_code_already_authenticated"), (verifyingCodeAgain.Status, verifyingCodeAgain.ErrorType));
        Assert.Equal(HttpStatusCode.OK, next.Status);
        Assert.Equal((HttpStatusCode.Unauthorized, "totp_code_already_authenticated"), (current.Status, current.ErrorType));
        Assert.Equal((HttpStatusCode.Unauthorized, "totp_code_already_authenticated"), (nextAgain.Status, nextAgain.ErrorType));
    }

    [Fact]
    public async Task Simultaneous_requests_with_the_same_code_let_exactly_one_through()
    {
        var (user, totp) = await TotpUsers.EnrolAsync(Host, Clock);
        var code = await Otplib.CodeAsync(totp.Secret, Clock.GetUtcNow());

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Client.PostAsync("/v1/totps/authenticate", new { user_id = user.UserId, totp_code = code, session_duration_minutes = 30 })));

        Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => Assert.Equal((HttpStatusCode.Unauthorized, "totp_code_already_authenticated"), (a.Status, a.ErrorType)));
    }

    [Fact]
    public async Task Five_failed_attempts_refuse_even_the_right_code_with_429_until_the_window_ends()
    {
        var (user, totp) = await TotpUsers.EnrolAsync(Host, Clock);
        var now = Clock.GetUtcNow();
        var window = await Otplib.CodesAsync(totp.Secret, now.AddSeconds(-30), now, now.AddSeconds(30));
        var wrong = Otplib.Other(window);

        var failures = new List<ApiAnswer>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            failures.Add(await Authenticate(user.UserId, wrong));
        }

        var limited = await Authenticate(user.UserId, window[1]);
        var recoverLimited = await Client.PostAsync("/v1/totps/recover", new { user_id = user.UserId, recovery_code = totp.RecoveryCodes[0] });
        Clock.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        var stillLimited = await Authenticate(user.UserId, await Otplib.CodeAsync(totp.Secret, Clock.GetUtcNow()));
        Clock.Advance(TimeSpan.FromSeconds(1));
        var open = await Authenticate(user.UserId, await Otplib.CodeAsync(totp.Secret, Clock.GetUtcNow()));

        Assert.All(failures, f => Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_authenticate_totp"), (f.Status, f.ErrorType)));
        Assert.Equal((HttpStatusCode.TooManyRequests, "too_many_requests"), (limited.Status, limited.ErrorType));
        Assert.Equal(15 * 60, limited.RetryAfterSeconds);
        Assert.Equal((HttpStatusCode.TooManyRequests, "too_many_requests"), (recoverLimited.Status, recoverLimited.ErrorType));
        Assert.Equal((HttpStatusCode.TooManyRequests, "too_many_requests"), (stillLimited.Status, stillLimited.ErrorType));
        Assert.Equal(1, stillLimited.RetryAfterSeconds);
        Assert.Equal(HttpStatusCode.OK, open.Status);
    }

    [Fact]
    public async Task A_user_with_a_verified_totp_cannot_create_another_and_a_new_create_replaces_an_unverified_one()
    {
        var (enrolled, enrolledTotp) = await TotpUsers.EnrolAsync(Host, Clock);
        var user = await TotpUsers.LogInAsync(Host);
        var first = await TotpUsers.CreateAsync(Host, user.UserId);

        var second = await TotpUsers.CreateAsync(Host, user.UserId);
        var refused = await Client.PostAsync("/v1/totps", new { user_id = enrolled.UserId });
        var oldCode = await Authenticate(user.UserId, await Otplib.CodeAsync(first.Secret, Clock.GetUtcNow()));
        var newCode = await Authenticate(user.UserId, await Otplib.CodeAsync(second.Secret, Clock.GetUtcNow()));

        Assert.NotEqual(first.TotpId, second.TotpId);
        Assert.Equal(second.TotpId, Assert.Single(second.Answer.Body.GetProperty("user").GetProperty("totps").EnumerateArray()).GetProperty("totp_id").GetString());
        Assert.Equal(second.TotpId, Assert.Single(await TotpUsers.RowsAsync(Host, user.UserId)).TotpId);
        Assert.Empty(await TotpUsers.RecoveryRowsAsync(Host, first.TotpId));
        Assert.Equal((HttpStatusCode.BadRequest, "active_totp_exists"), (refused.Status, refused.ErrorType));
        Assert.Equal(enrolledTotp.TotpId, Assert.Single(await TotpUsers.RowsAsync(Host, enrolled.UserId)).TotpId);
        Assert.Equal((HttpStatusCode.Unauthorized, "unable_to_authenticate_totp"), (oldCode.Status, oldCode.ErrorType));
        Assert.Equal((HttpStatusCode.OK, second.TotpId), (newCode.Status, newCode.Text("totp_id")));
    }

    [Fact]
    public async Task Simultaneous_enrolments_leave_one_totp_awaiting_its_first_code()
    {
        var user = await TotpUsers.LogInAsync(Host);
        await TotpUsers.CreateAsync(Host, user.UserId);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Client.PostAsync("/v1/totps", new { user_id = user.UserId })));

        var created = answers.Where(a => a.Status == HttpStatusCode.OK).Select(a => a.Text("totp_id")).ToList();
        Assert.NotEmpty(created);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => Assert.Equal((HttpStatusCode.BadRequest, "pending_totp_exists"), (a.Status, a.ErrorType)));
        Assert.Contains(Assert.Single(await TotpUsers.RowsAsync(Host, user.UserId)).TotpId, created);
    }

    [Fact]
    public async Task An_unverified_totp_works_until_one_second_before_its_expiry_and_not_at_it()
    {
        var early = await TotpUsers.LogInAsync(Host);
        var late = await TotpUsers.LogInAsync(Host);
        var earlyTotp = await TotpUsers.CreateAsync(Host, early.UserId, expirationMinutes: 5);
        var lateTotp = await TotpUsers.CreateAsync(Host, late.UserId, expirationMinutes: 5);

        Clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        var beforeExpiry = await Authenticate(early.UserId, await Otplib.CodeAsync(earlyTotp.Secret, Clock.GetUtcNow()));
        Clock.Advance(TimeSpan.FromSeconds(1));
        var atExpiry = await Authenticate(late.UserId, await Otplib.CodeAsync(lateTotp.Secret, Clock.GetUtcNow()));
        var lateUser = await Client.GetJsonAsync($"/v1/users/{late.UserId}");
        var earlyUser = await Client.GetJsonAsync($"/v1/users/{early.UserId}");
        var recreated = await Client.PostAsync("/v1/totps", new { user_id = late.UserId });

        Assert.Equal(HttpStatusCode.OK, beforeExpiry.Status);
        Assert.Equal((HttpStatusCode.BadRequest, "expired_totp"), (atExpiry.Status, atExpiry.ErrorType));
        Assert.Empty(lateUser.Body.GetProperty("totps").EnumerateArray());
        Assert.True(Assert.Single(earlyUser.Body.GetProperty("totps").EnumerateArray()).GetProperty("verified").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, recreated.Status);
    }

    private Task<ApiAnswer> Authenticate(string userId, string code) =>
        Client.PostAsync("/v1/totps/authenticate", new { user_id = userId, totp_code = code });
}

public sealed class TotpsOnSqlite(ClockedSqliteGodwit godwit) : TotpContract, IClassFixture<ClockedSqliteGodwit>
{
    protected override ClockedGodwit Godwit => godwit;
}

public sealed class TotpsOnPostgres(ClockedPostgresGodwit godwit) : TotpContract, IClassFixture<ClockedPostgresGodwit>
{
    protected override ClockedGodwit Godwit => godwit;
}
