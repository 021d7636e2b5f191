using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Godwit.Testing;

namespace Godwit.Cli.Tests.Webhooks;

/// <summary>A real <c>godwit serve</c> process on a loopback port, started and killed as the test says.</summary>
internal sealed class ServedGodwit : IAsyncDisposable
{
    private readonly Dictionary<string, string> environment;
    private Process? process;

    public ServedGodwit(string dataFolder, string provider, string? connectionString)
    {
        Port = FreePort.Next();
        environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Godwit__ProjectId"] = GodwitCli.ProjectId,
            ["Godwit__Secret"] = GodwitCli.Secret,
            ["Godwit__EncryptionKeys"] = GodwitCli.EncryptionKeys,
            ["Godwit__DataFolder"] = dataFolder,
            ["Godwit__Database__Provider"] = provider,
            ["Godwit__Webhooks__PollInterval"] = "00:00:00.050",
            ["Godwit__Webhooks__RetryDelays__0"] = "00:00:00.200",
            // Generous: sign-ups are many and fast; the limits are not what these tests are about.
            ["Godwit__RateLimits__Enabled"] = "false",
        };
        if (connectionString is not null)
        {
            environment["Godwit__Database__ConnectionString"] = connectionString;
        }

        Client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 16 })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{Port}/"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{GodwitCli.ProjectId}:{GodwitCli.Secret}")));
    }

    public int Port { get; }

    public HttpClient Client { get; }

    public async Task StartAsync()
    {
        process = GodwitCli.Start(["serve", "--urls", $"http://127.0.0.1:{Port}"], environment);
        // Drained, so a chatty server never blocks on a full pipe.
        _ = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var health = await Client.GetAsync(new Uri("health", UriKind.Relative));
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (process.HasExited || waited.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new InvalidOperationException($"godwit serve did not become healthy: {(process.HasExited ? await errors : "still starting")}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, as when the machine loses power or the OOM killer strikes.</summary>
    public async Task KillAsync()
    {
        process!.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
        process = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            await KillAsync();
        }

        Client.Dispose();
    }
}
