using System.Globalization;
using Godwit.Samples.Tests.Support;
using Godwit.Testing.Http;
using Godwit.Tests.Support;

namespace Godwit.Samples.Tests;

/// <summary>
/// The sample application in a real headless Chromium, against a real Godwit whose codes arrive at a
/// real SMTP server: members it already had are linked at their first sign-in, new addresses sign
/// up, and the progress page counts both.
/// </summary>
public sealed class LegacyAppBrowserTests(SampleGodwit godwit) : IClassFixture<SampleGodwit>
{
    [Fact]
    public async Task A_seeded_member_signing_in_by_email_code_is_linked_a_new_email_is_created_and_the_progress_page_counts_both()
    {
        await using var app = await RunningLegacyApp.StartAsync(godwit.Host);
        await using var browser = await SampleBrowser.StartAsync();
        var seeded = await app.MembersAsync();
        Assert.True(seeded.Count >= 2, "the sample seeds a handful of members");
        Assert.All(seeded, member => Assert.Null(member.GodwitUserId));
        var member = seeded[0];

        var (loginPath, home) = await browser.SignInAsync(app.Url, member.Email, godwit.Host.EmailCodeAsync);

        Assert.Equal("/login?returnUrl=%2F", loginPath);
        Assert.Equal("/", home.Path);
        Assert.Equal($"Welcome, {member.DisplayName}", home.Heading);
        Assert.Equal(member.Email, home.Values["email"]);
        Assert.Equal("linked", home.Values["migration-outcome"]);
        var linked = Assert.Single(await app.MembersAsync(), row => row.Id == member.Id);
        Assert.StartsWith("user-live-", linked.GodwitUserId, StringComparison.Ordinal);
        Assert.Equal(linked.GodwitUserId, home.Values["godwit-user-id"]);
        var atGodwit = await godwit.Host.Client.GetJsonAsync($"/v1/users/{linked.GodwitUserId}");
        Assert.Equal(member.Email, atGodwit.Body.GetProperty("emails")[0].GetProperty("email").GetString());

        var signedOut = await browser.SignOutAsync("Sign out of Quayside Books on this device");
        Assert.Equal("/logout/done", signedOut.Path);
        Assert.Equal("You are signed out", signedOut.Heading);
        Assert.Equal(["You signed out of Quayside Books on this device."], signedOut.Notices);
        var anonymous = await browser.OpenAsync(new Uri(app.Url, "/"));
        Assert.Equal("/login?returnUrl=%2F", anonymous.Path);

        var newcomer = ApiCalls.UniqueEmail("newcomer");
        var (_, welcome) = await browser.SignInAsync(app.Url, newcomer, godwit.Host.EmailCodeAsync);

        Assert.Equal("created", welcome.Values["migration-outcome"]);
        var members = await app.MembersAsync();
        Assert.Equal(seeded.Count + 1, members.Count);
        var created = Assert.Single(members, row => row.Email == newcomer);
        Assert.Equal(created.Id.ToString(CultureInfo.InvariantCulture), welcome.Values["user-id"]);
        Assert.Equal(created.GodwitUserId, welcome.Values["godwit-user-id"]);
        Assert.NotEqual(linked.GodwitUserId, created.GodwitUserId);

        var progress = await browser.FollowAsync("Migration progress");

        Assert.Equal("Migration progress", progress.Heading);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["application-users"] = Count(seeded.Count + 1),
                ["linked-users"] = "2",
                ["linked-at-login"] = "1",
                ["created-at-sign-up"] = "1",
                ["not-yet-seen"] = Count(seeded.Count - 1),
            },
            progress.Values);
        // Per day: one link and one sign-up (on one day, or two if the test ran across midnight UTC).
        Assert.Equal((1, 1), (progress.Rows.Sum(row => int.Parse(row[1], CultureInfo.InvariantCulture)), progress.Rows.Sum(row => int.Parse(row[2], CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task A_wrong_code_shows_an_error_on_the_code_form_and_links_nobody()
    {
        await using var app = await RunningLegacyApp.StartAsync(godwit.Host);
        await using var browser = await SampleBrowser.StartAsync();
        var member = (await app.MembersAsync())[1];

        var (_, page) = await browser.SignInAsync(app.Url, member.Email, async email => Wrong(await godwit.Host.EmailCodeAsync(email)));

        Assert.Equal("/login/code", page.Path);
        Assert.Equal("That code is not right. Check the email and try again.", Assert.Single(page.Alerts));
        Assert.Equal(["code"], page.Invalid);
        Assert.All(await app.MembersAsync(), row => Assert.Null(row.GodwitUserId));
        Assert.Equal(0, await app.MigrationEventCountAsync());
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Another six digits than the code that was sent.</summary>
    private static string Wrong(string code) =>
        ((int.Parse(code, CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
}
