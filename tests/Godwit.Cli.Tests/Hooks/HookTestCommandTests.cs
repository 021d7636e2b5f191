using System.Text.Json.Nodes;
using Godwit.Server.Tests.Legacy;
using Godwit.Testing;
using Godwit.Testing.Http;

namespace Godwit.Cli.Tests.Hooks;

/// <summary><c>godwit hook test</c>, the real executable, against a legacy hook that keeps the contract and ones that do not.</summary>
public sealed class HookTestCommandTests : IAsyncLifetime
{
    private const string Password = "legacy correct horse battery staple 1998";

    private LegacySystem legacy = null!;

    public async ValueTask InitializeAsync() => legacy = await LegacySystem.StartAsync();

    public async ValueTask DisposeAsync() => await legacy.DisposeAsync();

    [Fact]
    public async Task A_hook_that_keeps_the_contract_passes_every_check()
    {
        var email = ApiCalls.UniqueEmail();
        legacy.AddAccount(email, Password, new JsonObject { ["email_verified"] = true, ["external_id"] = "legacy-7" });

        var (exitCode, output) = await RunAsync("hook", "test", legacy.PasswordHookUrl.ToString(), "--secret", LegacySystem.PasswordHookSecret, "--email", email, "--password", Password);

        Assert.True(exitCode == 0, output);
        Assert.Equal(4, output.Split('\n').Count(line => line.StartsWith("PASS", StringComparison.Ordinal)));
        Assert.Contains("email_verified true", output, StringComparison.Ordinal);
        Assert.Contains("external_id legacy-7", output, StringComparison.Ordinal);
        // Only the deliberately mis-signed request failed the hook's own signature check.
        Assert.Contains("does not verify", Assert.Single(legacy.SignatureProblems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_secret_fails_the_checks_that_need_a_signed_answer()
    {
        var (exitCode, output) = await RunAsync("hook", "test", legacy.PasswordHookUrl.ToString(), "--secret", "not-the-secret-of-this-hook");

        Assert.Equal(1, exitCode);
        Assert.Contains("FAIL  unknown email answers no match: not a valid answer: answered status 401", output, StringComparison.Ordinal);
        Assert.Contains("PASS  wrong signature is refused", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endpoint_that_answers_200_to_everything_is_reported_as_not_checking_signatures()
    {
        await using var sink = await WebhookSink.StartAsync();

        var (exitCode, output) = await RunAsync("hook", "test", sink.Url.ToString(), "--secret", LegacySystem.PasswordHookSecret);

        Assert.Equal(1, exitCode);
        Assert.Contains("does not check signatures", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hook_that_redirects_fails_as_it_would_in_godwit_and_the_redirect_is_not_followed()
    {
        var email = ApiCalls.UniqueEmail();
        legacy.AddAccount(email, Password);
        await using var moved = await RedirectingServer.StartAsync(legacy.BaseUrl);

        var (exitCode, output) = await RunAsync("hook", "test", moved.Here(legacy.PasswordHookUrl).ToString(), "--secret", LegacySystem.PasswordHookSecret, "--email", email, "--password", Password);

        Assert.Equal(1, exitCode);
        Assert.Contains("FAIL  known password answers match: not a valid answer: answered status 307", output, StringComparison.Ordinal);
        Assert.Empty(legacy.ReceivedBodies);
    }

    [Fact]
    public async Task A_lookup_hook_that_keeps_the_contract_passes_every_check_and_shows_the_profile()
    {
        var email = ApiCalls.UniqueEmail();
        var phone = ApiCalls.UniquePhone();
        legacy.AddLookupPerson(email, new JsonObject { ["email"] = email, ["email_verified"] = true, ["external_id"] = "legacy-8" });
        legacy.AddLookupPerson(phone, new JsonObject { ["name"] = new JsonObject { ["first_name"] = "Ada" } });

        var (exitCode, output) = await RunAsync(
            "hook", "test", legacy.UserLookupHookUrl.ToString(), "--hook", "lookup", "--secret", LegacySystem.UserLookupHookSecret, "--email", email, "--phone-number", phone);

        Assert.True(exitCode == 0, output);
        Assert.Equal(4, output.Split('\n').Count(line => line.StartsWith("PASS", StringComparison.Ordinal)));
        Assert.Contains("PASS  known email answers match: match; email_verified true, name \"\", external_id legacy-8", output, StringComparison.Ordinal);
        Assert.Contains("PASS  known phone number answers match: match; email_verified false, name \"Ada\"", output, StringComparison.Ordinal);
        Assert.Contains("PASS  wrong signature is refused", output, StringComparison.Ordinal);
        Assert.Contains("does not verify", Assert.Single(legacy.SignatureProblems), StringComparison.Ordinal);
        Assert.Contains($$"""{"email":"{{email}}"}""", legacy.ReceivedBodies);
        Assert.Contains($$"""{"phone_number":"{{phone}}"}""", legacy.ReceivedBodies);
    }

    [Fact]
    public async Task A_lookup_answer_naming_another_email_fails_its_check()
    {
        var email = ApiCalls.UniqueEmail();
        legacy.AddLookupPerson(email, new JsonObject { ["email"] = ApiCalls.UniqueEmail() });

        var (exitCode, output) = await RunAsync("hook", "test", legacy.UserLookupHookUrl.ToString(), "--hook", "lookup", "--secret", LegacySystem.UserLookupHookSecret, "--email", email);

        Assert.Equal(1, exitCode);
        Assert.Contains("FAIL  known email answers match: not a valid answer: matched naming another \"email\" than the one asked about", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lookup_hook_tested_with_the_wrong_secret_fails_and_the_signature_check_says_so()
    {
        var (exitCode, output) = await RunAsync("hook", "test", legacy.UserLookupHookUrl.ToString(), "--hook", "lookup", "--secret", LegacySystem.PasswordHookSecret);

        Assert.Equal(1, exitCode);
        Assert.Contains("FAIL  unknown email answers no match: not a valid answer: answered status 401", output, StringComparison.Ordinal);
        Assert.Contains("PASS  wrong signature is refused", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_arguments_are_a_usage_error()
    {
        var (exitCode, output) = await RunAsync("hook", "test", legacy.PasswordHookUrl.ToString(), "--email", "ada@example.com");

        Assert.Equal(2, exitCode);
        Assert.Contains("Usage: godwit hook test", output, StringComparison.Ordinal);
    }

    /// <summary>Runs godwit with no settings at all, so only the command line names the hook and its secret.</summary>
    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var run = await GodwitCli.RunAsync(arguments, new Dictionary<string, string>());
        return (run.ExitCode, run.Output + run.Errors);
    }
}
