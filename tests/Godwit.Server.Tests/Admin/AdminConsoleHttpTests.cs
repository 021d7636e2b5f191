using System.Net;
using System.Text.RegularExpressions;
using Godwit.Server.Tests.MagicLinks;
using Godwit.Server.Tests.Totps;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Server.Tests.Admin;

/// <summary>The console over plain HTTP: when it is served, who reaches it, and what a forged form gets.</summary>
public sealed partial class AdminConsoleHttpTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Admin_is_not_found_in_production_unless_enabled()
    {
        await using var host = await GodwitHost.StartAsync();
        var page = await host.Anonymous.GetAsync("/admin/sign-in", Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("route_not_found", await page.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_is_not_found_in_development_when_disabled()
    {
        await using var host = await GodwitHost.StartAsync(new GodwitHostOptions { Environment = "Development", Settings = new Dictionary<string, string?> { ["Godwit:Admin:Enabled"] = "false" } });
        Assert.Equal(HttpStatusCode.NotFound, (await host.Anonymous.GetAsync("/admin", Cancellation)).StatusCode);
    }

    [Fact]
    public async Task Enabled_in_production_the_console_sends_its_headers_and_strict_cookies()
    {
        await using var host = await GodwitHost.StartAsync(new GodwitHostOptions { Settings = new Dictionary<string, string?> { ["Godwit:Admin:Enabled"] = "true" } });
        var page = await host.Anonymous.GetAsync("/admin/sign-in", Cancellation);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("default-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("godwit_admin_antiforgery=", StringComparison.Ordinal));
        Assert.Contains("samesite=strict", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", antiforgery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_user_without_the_admin_role_is_sent_no_code_and_cannot_sign_in()
    {
        await using var host = await GodwitHost.StartAsync(new GodwitHostOptions { Environment = "Development" });
        var member = await TotpUsers.LogInAsync(host);
        using var console = new ConsoleClient(host);
        var token = await console.TokenAsync("/admin/sign-in");

        var sent = await console.PostAsync("/admin/sign-in?handler=Email", token, ("email", member.Email));
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Contains("If " + member.Email + " belongs to an admin", await sent.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(1), Cancellation);
        Assert.Equal(0, host.EmailsTo(member.Email) - 1);

        var guessed = await console.PostAsync("/admin/sign-in?handler=Code", token, ("email", member.Email), ("code", "123456"));
        Assert.Contains("That code is wrong", await guessed.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.False(console.HasSessionCookie);
        Assert.Equal(HttpStatusCode.Redirect, (await console.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task A_form_without_its_antiforgery_token_is_refused()
    {
        await using var host = await GodwitHost.StartAsync(new GodwitHostOptions { Environment = "Development" });
        var admin = await AdminUsers.CreateAsync(host);
        using var console = new ConsoleClient(host);
        await console.TokenAsync("/admin/sign-in");

        var forged = await console.PostAsync("/admin/sign-in?handler=Email", token: null, ("email", admin.Email));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(1), Cancellation);
        Assert.Equal(1, host.EmailsTo(admin.Email));
    }

    [Fact]
    public async Task An_admin_action_without_a_session_is_redirected_to_sign_in_and_changes_nothing()
    {
        await using var host = await GodwitHost.StartAsync(new GodwitHostOptions { Environment = "Development" });
        var member = await TotpUsers.LogInAsync(host);
        using var console = new ConsoleClient(host);
        var token = await console.TokenAsync("/admin/sign-in");

        var revoke = await console.PostAsync($"/admin/users/{member.UserId}?handler=RevokeAll", token);

        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        Assert.Equal("/admin/sign-in", revoke.Headers.Location!.OriginalString);
        var session = await host.Client.PostAsync("/v1/sessions/authenticate", new { session_token = member.SessionToken });
        Assert.Equal(HttpStatusCode.OK, session.Status);
    }

    [Fact]
    public async Task An_admin_signed_in_with_the_email_code_alone_reaches_no_console_page()
    {
        await using var host = await GodwitHost.StartAsync(new GodwitHostOptions { Environment = "Development" });
        var admin = await AdminUsers.CreateAsync(host);
        using var console = new ConsoleClient(host);
        var token = await console.TokenAsync("/admin/sign-in");
        await console.PostAsync("/admin/sign-in?handler=Email", token, ("email", admin.Email));
        var code = await console.PostAsync("/admin/sign-in?handler=Code", token, ("email", admin.Email), ("code", await host.EmailCodeAsync(admin.Email)));
        Assert.Equal("/admin/sign-in/second-factor", code.Headers.Location!.OriginalString);
        Assert.True(console.HasSessionCookie);

        var users = await console.GetAsync("/admin/users");

        Assert.Equal(HttpStatusCode.Redirect, users.StatusCode);
        Assert.Equal("/admin/sign-in", users.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_api_refuses_the_console_role_hides_it_and_keeps_it_through_updates()
    {
        await using var host = await GodwitHost.StartAsync();
        var admin = await AdminUsers.CreateAsync(host);

        var grant = await host.Client.PutAsync($"/v1/users/{admin.UserId}", new { roles = new[] { "godwit_admin" } });
        var rewrite = await host.Client.PutAsync($"/v1/users/{admin.UserId}", new { roles = Array.Empty<string>() });
        var created = await host.Client.PostAsync("/v1/users", new { email = ApiCalls.UniqueEmail(), roles = new[] { "godwit_admin" } });

        Assert.Equal(HttpStatusCode.BadRequest, grant.Status);
        Assert.Equal("reserved_role", grant.Text("error_type"));
        Assert.Equal("reserved_role", created.Text("error_type"));
        Assert.Equal(HttpStatusCode.OK, rewrite.Status);
        Assert.DoesNotContain("godwit_admin", rewrite.Body.GetProperty("user").GetProperty("roles").ToString(), StringComparison.Ordinal);
        await using var scope = host.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<Godwit.Core.Users.IUserStore>().FindAsync(admin.UserId, Cancellation);
        Assert.Contains("godwit_admin", user!.Roles);
    }

    [Fact]
    public async Task An_admins_session_made_through_the_api_does_not_open_the_console()
    {
        await using var host = await GodwitHost.StartAsync(new GodwitHostOptions { Environment = "Development" });
        var user = await TotpUsers.LogInAsync(host);
        var totp = await TotpUsers.CreateAsync(host, user.UserId);
        var now = DateTimeOffset.UtcNow;
        var enrolled = await host.Client.PostAsync("/v1/totps/authenticate", new { user_id = user.UserId, totp_code = await Otplib.CodeAsync(totp.Secret, now) });
        var both = await host.Client.PostAsync("/v1/totps/authenticate", new { user_id = user.UserId, totp_code = await Otplib.CodeAsync(totp.Secret, now.AddSeconds(30)), session_token = user.SessionToken });
        Assert.True(enrolled.Status == HttpStatusCode.OK, enrolled.ToString());
        Assert.True(both.Status == HttpStatusCode.OK, both.ToString());
        await AdminUsers.GrantAsync(host, user.UserId);
        using var console = new ConsoleClient(host);
        // An email code and a TOTP on one session of an admin, but a session the console never started.
        console.UseSession(user.SessionToken);

        var users = await console.GetAsync("/admin/users");

        Assert.Equal(HttpStatusCode.Redirect, users.StatusCode);
        Assert.Equal("/admin/sign-in", users.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Updates_without_roles_keep_the_console_role_once_and_events_never_show_it()
    {
        await using var host = await GodwitHost.StartAsync();
        var admin = await AdminUsers.CreateAsync(host);

        for (var i = 0; i < 2; i++)
        {
            var renamed = await host.Client.PutAsync($"/v1/users/{admin.UserId}", new { name = new { first_name = $"Ada{i}" } });
            Assert.True(renamed.Status == HttpStatusCode.OK, renamed.ToString());
        }

        await using var scope = host.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<Godwit.Core.Users.IUserStore>().FindAsync(admin.UserId, Cancellation);
        Assert.Equal(["godwit_admin"], user!.Roles);
        var events = await host.Client.GetJsonAsync($"/v1/events?user_id={admin.UserId}");
        Assert.True(events.Status == HttpStatusCode.OK, events.ToString());
        Assert.DoesNotContain("godwit_admin", events.Body.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A browser-like client: keeps the console's cookies by hand (Secure ones too, over loopback HTTP), follows no redirect.</summary>
    private sealed partial class ConsoleClient(GodwitHost host) : IDisposable
    {
        private readonly HttpClient client = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = host.BaseUrl };
        private readonly Dictionary<string, string> cookies = new(StringComparer.Ordinal);

        public void UseSession(string token) => cookies["godwit_admin_session"] = token;

        public bool HasSessionCookie => cookies.TryGetValue("godwit_admin_session", out var value) && value.Length > 0;

        /// <summary>Loads a page and returns its form's antiforgery token.</summary>
        public async Task<string> TokenAsync(string path)
        {
            var page = await GetAsync(path);
            var html = await page.Content.ReadAsStringAsync(Cancellation);
            return TokenField().Match(html).Groups[1].Value;
        }

        public async Task<HttpResponseMessage> GetAsync(string path) => await SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

        public async Task<HttpResponseMessage> PostAsync(string path, string? token, params (string Name, string Value)[] fields)
        {
            var form = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
            if (token is not null)
            {
                form.Add(new("__antiforgery", token));
            }

            return await SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) });
        }

        private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
        {
            if (cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
            }

            var response = await client.SendAsync(request, Cancellation);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
            {
                foreach (var cookie in set)
                {
                    var pair = cookie.Split(';')[0].Split('=', 2);
                    cookies[pair[0]] = pair[1];
                }
            }

            return response;
        }

        public void Dispose() => client.Dispose();

        [GeneratedRegex("name=\"__antiforgery\" type=\"hidden\" value=\"([^\"]+)\"")]
        private static partial Regex TokenField();
    }
}
