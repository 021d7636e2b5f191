using Godwit.Testing.Hosting;

namespace Godwit.Server.Tests.Telemetry;

/// <summary>Starts Godwits with <c>/metrics</c> on, and scrapes and parses it.</summary>
internal static class PrometheusScrape
{
    public static Task<GodwitHost> StartAsync(params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?> { ["Godwit:Telemetry:Prometheus:Enabled"] = "true" };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return GodwitHost.StartAsync(new GodwitHostOptions { Settings = all });
    }

    public static async Task<IReadOnlyList<PrometheusSample>> ScrapeAsync(GodwitHost host)
    {
        using var response = await host.Anonymous.GetAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>
    /// Scrapes until <paramref name="done"/> holds: a request's duration is recorded as its response
    /// completes, a moment after the client has it, and scrapes are cached for 300 ms.
    /// </summary>
    public static async Task<IReadOnlyList<PrometheusSample>> ScrapeUntilAsync(GodwitHost host, Func<IReadOnlyList<PrometheusSample>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var samples = await ScrapeAsync(host);
            if (done(samples) || DateTime.UtcNow > deadline)
            {
                return samples;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    public static double Sum(IEnumerable<PrometheusSample> samples, string name, params (string Label, string Value)[] labels) =>
        samples.Where(s => s.Name == name && labels.All(l => s.Label(l.Label) == l.Value)).Sum(s => s.Value);
}
