using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Godwit.Cli.CommandLine;
using Godwit.Core.Legacy;
using Godwit.Core.Users;
using Godwit.Server.Hosting;

namespace Godwit.Cli.Migration;

/// <summary>
/// <c>godwit hook test &lt;url&gt;</c>: sends a legacy password hook or user lookup hook the requests
/// Godwit would send and checks each answer against the contract (docs/migration.md), so an operator
/// finds a broken hook before a user does.
/// </summary>
internal static class HookTestCommand
{
    private const string SecretVariable = "GODWIT_HOOK_SECRET";

    public const string Usage = """
        Usage: godwit hook test <url> [--hook password|lookup] [--secret <secret>] [--email <email> [--password <password>]]
                                [--phone-number <number>] [--timeout <seconds>]

        Checks a legacy hook against Godwit's contract (docs/migration.md), with signed requests exactly
        like Godwit's. The password hook (--hook password, the default):
          1. an unknown email with a random password must answer 200 {"match": false};
          2. the same request signed with a wrong secret must be refused (any status but 200);
          3. with --email and --password, that password must answer 200 {"match": true, ...}; the profile
             fields Godwit would take from it are shown;
          4. with --email, a random password for that email must answer 200 {"match": false}.
        The user lookup hook (--hook lookup):
          1. an unknown email must answer 200 {"match": false};
          2. the same request signed with a wrong secret must be refused (any status but 200);
          3. with --email, that email must answer 200 {"match": true, ...} naming no other address; the
             profile Godwit would create the person with is shown;
          4. with --phone-number, the same for that phone number.
        Every answer must arrive within the timeout (default 3 seconds, Godwit's default).

        --secret                      The hook's signing secret, as in Godwit:Migration:LegacyPasswordHookSecret
                                      or LegacyUserLookupHookSecret (or the environment variable GODWIT_HOOK_SECRET).
        --email, --password           A legacy account (for the password hook, one whose password is known; or
                                      GODWIT_HOOK_PASSWORD for the password, which keeps it out of the shell history).
        --phone-number                A legacy account's phone number (lookup hook only).
        Exits 0 when every check passes, 1 when one fails, 2 on a usage error.
        """;

    public static Command Create()
    {
        var test = new GodwitCommand("test", "Check a legacy hook against Godwit's contract.", Usage)
        {
            new Argument<string[]>("url") { Arity = ArgumentArity.ZeroOrMore, Description = "The hook's URL." },
            CommandOptions.Value("hook", "password (the default) or lookup."),
            CommandOptions.Value("secret", "The hook's signing secret (or GODWIT_HOOK_SECRET)."),
            CommandOptions.Value("email", "A legacy account's email."),
            CommandOptions.Value("password", "That account's password (or GODWIT_HOOK_PASSWORD)."),
            CommandOptions.Value("phone-number", "A legacy account's phone number (lookup hook only)."),
            CommandOptions.Value("timeout", "Seconds each answer may take (default 3)."),
        };
        test.SetAction((parsed, _) => RunAsync(CommandArguments.From(parsed)));
        var hook = new GodwitCommand("hook", "Legacy hooks: test.", Usage) { test };
        GodwitCommand.ShowUsageWithoutSubcommand(hook);
        return hook;
    }

    private static async Task<int> RunAsync(CommandArguments args)
    {
        if (args.Positionals is not [var given] || !Uri.TryCreate(given, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            Console.Error.WriteLine(Usage);
            return ExitCodes.Usage;
        }

        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in new[] { "hook", "secret", "email", "password", "phone-number", "timeout" })
        {
            if (args.Value(name) is { } value)
            {
                settings[name] = value;
            }
        }

        var secret = settings.GetValueOrDefault("secret") ?? SecretFromEnvironment();
        var password = settings.GetValueOrDefault("password") ?? Environment.GetEnvironmentVariable("GODWIT_HOOK_PASSWORD");
        var lookup = settings.GetValueOrDefault("hook", "password") == "lookup";
        string? email = null, phone = null;
        if (secret is null
            || settings.GetValueOrDefault("hook", "password") is not ("password" or "lookup")
            || (settings.TryGetValue("email", out var givenEmail) && (!EmailAddress.TryNormalize(givenEmail, out email) || (password is null && !lookup)))
            || (settings.TryGetValue("phone-number", out var givenPhone) && (!PhoneNumber.TryNormalize(givenPhone, out phone) || !lookup)))
        {
            Console.Error.WriteLine($"--secret is required; --hook is password or lookup; --email needs a valid email (and --password for the password hook); --phone-number a valid E.164 number and --hook lookup.\n\n{Usage}");
            return ExitCodes.Usage;
        }

        var timeout = settings.TryGetValue("timeout", out var seconds) && double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && parsed > 0
            ? TimeSpan.FromSeconds(parsed)
            : TimeSpan.FromSeconds(3);
        // As Godwit does: a redirect is not followed, so a hook that answers one fails its checks.
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = timeout };
        var unknownEmail = $"godwit-hook-test-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}@example.invalid";
        var checks = lookup
            ? await LookupChecksAsync(http, url, secret, unknownEmail, email, phone)
            : await PasswordChecksAsync(http, url, secret, unknownEmail, email, password);
        var failed = checks.Count(passed => !passed);
        Console.WriteLine(failed == 0 ? $"All {checks.Count} checks passed." : $"{failed} of {checks.Count} checks failed.");
        return failed == 0 ? 0 : 1;
    }

    /// <summary>
    /// A secret from the environment is a setting: one Godwit itself would refuse for the hook is named
    /// as such, rather than every check failing on the hook's answer to a signature it cannot check.
    /// </summary>
    private static string? SecretFromEnvironment()
    {
        var secret = Environment.GetEnvironmentVariable(SecretVariable);
        return secret is null || secret.Length >= LegacySystemOptions.MinSecretLength
            ? secret
            : throw new ConfigurationProblemException(
                $"{SecretVariable} is {secret.Length} characters; a hook's secret (Godwit:Migration:LegacyPasswordHookSecret or LegacyUserLookupHookSecret) has at least {LegacySystemOptions.MinSecretLength}: set it to the hook's secret, or give --secret.");
    }

    private static async Task<List<bool>> PasswordChecksAsync(HttpClient http, Uri url, string secret, string unknownEmail, string? email, string? password)
    {
        var checks = new List<bool>
        {
            await CheckAsync(http, url, secret, "unknown email answers no match", unknownEmail, RandomPassword(), expectMatch: false),
            await CheckRefusedAsync(http, url, LegacyHookRequests.Password(unknownEmail, RandomPassword()), "test passwords"),
        };
        if (email is not null)
        {
            checks.Add(await CheckAsync(http, url, secret, "known password answers match", email, password!, expectMatch: true));
            checks.Add(await CheckAsync(http, url, secret, "wrong password answers no match", email, RandomPassword(), expectMatch: false));
        }

        return checks;
    }

    private static async Task<List<bool>> LookupChecksAsync(HttpClient http, Uri url, string secret, string unknownEmail, string? email, string? phone)
    {
        var checks = new List<bool>
        {
            await CheckLookupAsync(http, url, secret, "unknown email answers no match", AddressKind.Email, unknownEmail, expectMatch: false),
            await CheckRefusedAsync(http, url, LegacyHookRequests.UserLookup(AddressKind.Email, unknownEmail), "find out who has an account"),
        };
        if (email is not null)
        {
            checks.Add(await CheckLookupAsync(http, url, secret, "known email answers match", AddressKind.Email, email, expectMatch: true));
        }

        if (phone is not null)
        {
            checks.Add(await CheckLookupAsync(http, url, secret, "known phone number answers match", AddressKind.Phone, phone, expectMatch: true));
        }

        return checks;
    }

    private static async Task<bool> CheckAsync(HttpClient http, Uri url, string secret, string name, string email, string password, bool expectMatch)
    {
        var (status, body, elapsed, failure) = await SendAsync(http, url, LegacyHookRequests.Password(email, password), secret);
        var verdict = failure is not null ? LegacyVerdict.Failure(failure) : LegacyHookAnswer.Read(status, body, requireEmail: false);
        return ReportVerdict(verdict, expectMatch, name, status, elapsed);
    }

    private static async Task<bool> CheckLookupAsync(HttpClient http, Uri url, string secret, string name, AddressKind kind, string address, bool expectMatch)
    {
        var (status, body, elapsed, failure) = await SendAsync(http, url, LegacyHookRequests.UserLookup(kind, address), secret);
        var verdict = failure is not null ? LegacyVerdict.Failure(failure) : LegacyLookupAnswer.Read(status, body, kind, address);
        return ReportVerdict(verdict, expectMatch, name, status, elapsed);
    }

    private static bool ReportVerdict(LegacyVerdict verdict, bool expectMatch, string name, int status, TimeSpan elapsed)
    {
        var expected = expectMatch ? LegacyVerdictKind.Match : LegacyVerdictKind.NoMatch;
        var detail = verdict.Kind switch
        {
            LegacyVerdictKind.Failed => $"not a valid answer: {verdict.Reason}",
            LegacyVerdictKind.Match => $"match; {Describe(verdict.Profile!)}",
            _ => "no match",
        };
        return Report(verdict.Kind == expected, name, $"{detail} ({Timing(status, elapsed)})");
    }

    /// <param name="abuse">What anyone could do with a hook that answers unsigned requests.</param>
    private static async Task<bool> CheckRefusedAsync(HttpClient http, Uri url, byte[] body, string abuse)
    {
        var wrongSecret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var (status, _, elapsed, failure) = await SendAsync(http, url, body, wrongSecret);
        return failure is not null
            ? Report(false, "wrong signature is refused", $"no answer: {failure}")
            : Report(status != 200, "wrong signature is refused", status == 200
                ? $"answered 200: the hook does not check signatures, so anyone who can reach it can {abuse} ({Timing(status, elapsed)})"
                : Timing(status, elapsed));
    }

    private static async Task<(int Status, byte[] Body, TimeSpan Elapsed, string? Failure)> SendAsync(HttpClient http, Uri url, byte[] body, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(HookSignature.HeaderName, HookSignature.Header(secret, DateTimeOffset.UtcNow, body));
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(request);
            var answer = await response.Content.ReadAsByteArrayAsync();
            return ((int)response.StatusCode, answer, clock.Elapsed, null);
        }
        catch (HttpRequestException exception)
        {
            return (0, [], clock.Elapsed, $"could not be reached ({exception.HttpRequestError}: {exception.Message})");
        }
        catch (TaskCanceledException)
        {
            return (0, [], clock.Elapsed, $"no answer within {http.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }
    }

    private static string Describe(LegacyProfile profile)
    {
        var name = profile.Name is { } n ? string.Join(' ', new[] { n.FirstName, n.MiddleName, n.LastName }.Where(p => p is not null)) : "";
        return $"email_verified {(profile.EmailVerified ? "true" : "false")}, name \"{name}\", external_id {profile.ExternalId ?? "none"}, "
            + $"trusted_metadata {(profile.TrustedMetadata is null ? "none" : $"{profile.TrustedMetadata.Count} keys")}, "
            + $"untrusted_metadata {(profile.UntrustedMetadata is null ? "none" : $"{profile.UntrustedMetadata.Count} keys")}";
    }

    private static string Timing(int status, TimeSpan elapsed) =>
        (status == 0 ? "" : $"status {status}, ") + $"{elapsed.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture)} ms";

    private static bool Report(bool passed, string name, string detail)
    {
        Console.WriteLine($"{(passed ? "PASS" : "FAIL")}  {name}: {detail}");
        return passed;
    }

    private static string RandomPassword() => "godwit-hook-test-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
