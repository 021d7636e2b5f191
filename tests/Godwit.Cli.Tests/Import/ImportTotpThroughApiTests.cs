using System.Net;
using System.Text.Json;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;
using OtpNet;

namespace Godwit.Cli.Tests.Import;

/// <summary>
/// `godwit import --import-totp --target godwit`: an Auth0 export's TOTP secret reaches a running
/// Godwit through its bulk import, and the person's authenticator app works there at once.
/// </summary>
public sealed class ImportTotpThroughApiTests : IAsyncLifetime
{
    private const string Secret = "JBSWY3DPEHPK3PXPJBSWY3DP";

    private readonly string folder = Directory.CreateTempSubdirectory("godwit-import-totp-api-").FullName;

    private GodwitHost host = null!;

    public async ValueTask InitializeAsync() => host = await GodwitHost.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_totp_sent_to_a_running_godwit_logs_in_there_and_a_bad_one_fails_its_row_alone()
    {
        var tag = Guid.NewGuid().ToString("N");
        var users = Path.Combine(folder, "users.jsonl");
        var hashes = Path.Combine(folder, "hashes.jsonl");
        await File.WriteAllLinesAsync(users, [
            $$"""{"user_id":"auth0|good-{{tag}}","email":"good-{{tag}}@example.com","email_verified":true}""",
            $$"""{"user_id":"auth0|bad-{{tag}}","email":"bad-{{tag}}@example.com","email_verified":true}""",
        ], TestContext.Current.CancellationToken);
        await File.WriteAllLinesAsync(hashes, [
            $$$"""{"_id":{"$oid":"good-{{{tag}}}"},"email":"good-{{{tag}}}@example.com","mfa_factors":[{"totp":{"secret":"{{{Secret}}}"}}]}""",
            $$$"""{"_id":{"$oid":"bad-{{{tag}}}"},"email":"bad-{{{tag}}}@example.com","mfa_factors":[{"totp":{"secret":"not base32!"}}]}""",
        ], TestContext.Current.CancellationToken);

        var run = await GodwitCli.RunAsync([
            "import", users, "--preset", "auth0", "--option", $"hashes={hashes}", "--import-totp",
            "--target", "godwit", "--url", host.BaseUrl.ToString(), "--project-id", host.ProjectId, "--secret", host.Secret,
            "--state", Path.Combine(folder, "state.json"), "--errors", Path.Combine(folder, "errors.jsonl"), "--results", Path.Combine(folder, "results.jsonl"),
        ]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var result = JsonDocument.Parse(File.ReadLines(Path.Combine(folder, "results.jsonl")).Single()).RootElement;
        Assert.Equal("created", result.GetProperty("outcome").GetString());
        Assert.False(result.TryGetProperty("totps_dropped", out _));
        var error = JsonDocument.Parse(File.ReadLines(Path.Combine(folder, "errors.jsonl")).Single()).RootElement;
        Assert.Equal(("invalid_totp", 2L), (error.GetProperty("error_type").GetString(), error.GetProperty("line").GetInt64()));
        var login = await host.Client.PostAsync("/v1/totps/authenticate", new
        {
            user_id = result.GetProperty("user_id").GetString(),
            totp_code = new Totp(Base32Encoding.ToBytes(Secret)).ComputeTotp(),
        });
        Assert.True(login.Status == HttpStatusCode.OK, login.ToString());
        var search = await host.Client.PostAsync("/v1/users/search", new
        {
            query = new { @operator = "OR", operands = new[] { new { filter_name = "email_address", filter_value = new[] { $"bad-{tag}@example.com" } } } },
        });
        Assert.Empty(search.Body.GetProperty("results").EnumerateArray());

        // Nothing the importer prints or writes holds the secret.
        Assert.DoesNotContain(Secret, run.Output + run.Errors, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Secret, File.ReadAllText(Path.Combine(folder, "results.jsonl")) + File.ReadAllText(Path.Combine(folder, "errors.jsonl")), StringComparison.OrdinalIgnoreCase);
    }
}
