using System.Net;
using Godwit.Testing.Hosting;

namespace Godwit.Server.Tests.Admin;

/// <summary>The console over plain HTTP: when it is served, who reaches it, and what a forged form gets.</summary>
public sealed class AdminConsoleHttpTests
{
    [Fact]
    public async Task The_sign_in_page_is_served_in_development()
    {
        await using var host = await GodwitHost.StartAsync(new GodwitHostOptions { Environment = "Development" });
        var page = await host.Anonymous.GetAsync("/admin/sign-in", TestContext.Current.CancellationToken);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(page.StatusCode == HttpStatusCode.OK, html);
        Assert.Contains("__antiforgery", html, StringComparison.Ordinal);
    }
}
