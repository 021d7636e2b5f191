using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Godwit.Server.Tests.Legacy;

/// <summary>
/// The legacy system Godwit migrates from, as a real HTTP server on a loopback port: a password hook,
/// a user lookup hook, a session hook, an OIDC UserInfo endpoint and a JWKS. The hooks check Godwit's signature with
/// their own HMAC code (not Godwit's), refuse what does not verify, and count every call.
/// </summary>
internal sealed class LegacySystem : IAsyncDisposable
{
    public const string PasswordHookSecret = "legacy-password-hook-secret-0001";
    public const string SessionHookSecret = "legacy-session-hook-secret-0002";
    public const string UserLookupHookSecret = "legacy-user-lookup-secret-0003";
    public const string Issuer = "https://legacy.example.test/";
    public const string Audience = "legacy-web-app";
    public const string KeyId = "legacy-key-2026";

    private readonly ConcurrentDictionary<string, (string Password, JsonObject Profile)> accounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> passwordAnswers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JsonObject> userInfo = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> hookSessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> passwordCalls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> lookupAnswers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> lookupCalls = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> signatureProblems = new();
    private readonly ConcurrentQueue<string> receivedBodies = new();
    private WebApplication? app;
    private int userInfoCalls;
    private int jwksCalls;

    private LegacySystem()
    {
    }

    /// <summary>The legacy system's JWT signing key, published in its JWKS.</summary>
    public RSA SigningKey { get; } = RSA.Create(2048);

    public Uri BaseUrl { get; private set; } = null!;

    public Uri PasswordHookUrl => new(BaseUrl, "/hooks/password");

    public Uri SessionHookUrl => new(BaseUrl, "/hooks/session");

    public Uri UserLookupHookUrl => new(BaseUrl, "/hooks/user-lookup");

    public Uri UserInfoUrl => new(BaseUrl, "/oauth/userinfo");

    public Uri JwksUrl => new(BaseUrl, "/.well-known/jwks.json");

    /// <summary>Answers every password hook call instead of the accounts, when set (a slow or failing hook).</summary>
    public Func<HttpContext, Task>? PasswordHookOverride { get; set; }

    /// <summary>Requests whose signature did not verify; a correct Godwit sends none.</summary>
    public IReadOnlyCollection<string> SignatureProblems => signatureProblems.ToArray();

    /// <summary>Every hook request body received, to check what Godwit sent.</summary>
    public IReadOnlyCollection<string> ReceivedBodies => receivedBodies.ToArray();

    public int PasswordHookCallsTotal => passwordCalls.Values.Sum();

    public int UserInfoCalls => userInfoCalls;

    public int JwksCalls => jwksCalls;

    public static async Task<LegacySystem> StartAsync()
    {
        var legacy = new LegacySystem();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(legacy.HandleAsync);
        await app.StartAsync();
        legacy.app = app;
        legacy.BaseUrl = new Uri(app.Urls.Single());
        return legacy;
    }

    /// <summary>A legacy account: the password hook matches its password and answers <paramref name="profile"/> with the match.</summary>
    public void AddAccount(string email, string password, JsonObject? profile = null) => accounts[email] = (password, profile ?? []);

    /// <summary>The password hook answers calls for this email with <paramref name="answer"/>.</summary>
    public void AnswerPasswordHook(string email, Func<HttpContext, Task> answer) => passwordAnswers[email] = answer;

    public int PasswordHookCalls(string email) => passwordCalls.GetValueOrDefault(email);

    /// <summary>
    /// A person the user lookup hook knows by this email or phone number: it answers a match with
    /// <paramref name="profile"/> (raw fields beside <c>match</c>, so a test can answer anything).
    /// </summary>
    public void AddLookupPerson(string address, JsonObject? profile = null) => AnswerLookupHook(address, async context =>
    {
        var match = (JsonObject)(profile ?? []).DeepClone();
        match["match"] = true;
        await JsonAsync(context, 200, match.ToJsonString());
    });

    /// <summary>The user lookup hook answers calls for this email or phone number with <paramref name="answer"/>.</summary>
    public void AnswerLookupHook(string address, Func<HttpContext, Task> answer) => lookupAnswers[address] = answer;

    public int LookupHookCalls(string address) => lookupCalls.GetValueOrDefault(address);

    /// <summary>A legacy access token that the UserInfo endpoint answers with these claims.</summary>
    public string AddUserInfoToken(JsonObject claims)
    {
        var token = "legacy-at-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        userInfo[token] = claims;
        return token;
    }

    /// <summary>A legacy session cookie value that the session hook answers with <paramref name="answer"/> (raw JSON).</summary>
    public string AddHookSession(string answer)
    {
        var token = "legacy-sid-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        hookSessions[token] = answer;
        return token;
    }

    /// <summary>An RS256 JWT made by hand (not by the library Godwit checks it with).</summary>
    public string IssueJwt(JsonObject claims, RSA? key = null, string keyId = KeyId)
    {
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = keyId };
        var signed = $"{Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString()))}.{Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()))}";
        var signature = (key ?? SigningKey).SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signed}.{Base64Url(signature)}";
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        SigningKey.Dispose();
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private async Task HandleAsync(HttpContext context)
    {
        switch (context.Request.Path.Value)
        {
            case "/hooks/password":
                await PasswordHookAsync(context);
                break;
            case "/hooks/session":
                await SessionHookAsync(context);
                break;
            case "/hooks/user-lookup":
                await UserLookupHookAsync(context);
                break;
            case "/oauth/userinfo":
                await UserInfoAsync(context);
                break;
            case "/.well-known/jwks.json":
                Interlocked.Increment(ref jwksCalls);
                await JsonAsync(context, 200, Jwks().ToJsonString());
                break;
            default:
                context.Response.StatusCode = 404;
                break;
        }
    }

    private async Task PasswordHookAsync(HttpContext context)
    {
        if (await ReadSignedAsync(context, PasswordHookSecret) is not { } body)
        {
            return;
        }

        var email = body.GetProperty("email").GetString()!;
        var password = body.GetProperty("password").GetString()!;
        passwordCalls.AddOrUpdate(email, 1, (_, count) => count + 1);
        if (PasswordHookOverride is { } overridden)
        {
            await overridden(context);
        }
        else if (passwordAnswers.TryGetValue(email, out var answer))
        {
            await answer(context);
        }
        else if (accounts.TryGetValue(email, out var account) && account.Password == password)
        {
            var match = (JsonObject)account.Profile.DeepClone();
            match["match"] = true;
            await JsonAsync(context, 200, match.ToJsonString());
        }
        else
        {
            await JsonAsync(context, 200, """{"match": false}""");
        }
    }

    /// <summary>Knows people by <c>email</c> or <c>phone_number</c>, whichever the request names.</summary>
    private async Task UserLookupHookAsync(HttpContext context)
    {
        if (await ReadSignedAsync(context, UserLookupHookSecret) is not { } body)
        {
            return;
        }

        var address = (body.TryGetProperty("email", out var email) ? email : body.GetProperty("phone_number")).GetString()!;
        lookupCalls.AddOrUpdate(address, 1, (_, count) => count + 1);
        if (lookupAnswers.TryGetValue(address, out var answer))
        {
            await answer(context);
        }
        else
        {
            await JsonAsync(context, 200, """{"match": false}""");
        }
    }

    private async Task SessionHookAsync(HttpContext context)
    {
        if (await ReadSignedAsync(context, SessionHookSecret) is not { } body)
        {
            return;
        }

        var token = body.GetProperty("token").GetString()!;
        await JsonAsync(context, 200, hookSessions.TryGetValue(token, out var answer) ? answer : """{"match": false}""");
    }

    private async Task UserInfoAsync(HttpContext context)
    {
        Interlocked.Increment(ref userInfoCalls);
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.Ordinal) && userInfo.TryGetValue(authorization[7..], out var claims))
        {
            await JsonAsync(context, 200, claims.ToJsonString());
            return;
        }

        context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        await JsonAsync(context, 401, """{"error": "invalid_token"}""");
    }

    /// <summary>
    /// The recipe of docs/migration.md: HMAC-SHA256 over "&lt;t&gt;.&lt;body&gt;", compared in constant
    /// time, refused when older than five minutes.
    /// </summary>
    private async Task<JsonElement?> ReadSignedAsync(HttpContext context, string secret)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        receivedBodies.Enqueue(Encoding.UTF8.GetString(body));
        var header = context.Request.Headers["Godwit-Signature"].ToString();
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        var problem = !parts.TryGetValue("t", out var t) || !parts.TryGetValue("v1", out var v1) ? $"malformed header '{header}'"
            : Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - long.Parse(t, CultureInfo.InvariantCulture)) > 300 ? $"timestamp {t} too far from now"
            : !CryptographicOperations.FixedTimeEquals(
                Convert.FromHexString(v1),
                HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(t + ".").Concat(body).ToArray())) ? "signature does not verify"
            : null;
        if (problem is not null)
        {
            signatureProblems.Enqueue($"{context.Request.Path}: {problem}");
            context.Response.StatusCode = 401;
            return null;
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    private JsonObject Jwks()
    {
        var parameters = SigningKey.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["alg"] = "RS256",
                ["kid"] = KeyId,
                ["n"] = Base64Url(parameters.Modulus!),
                ["e"] = Base64Url(parameters.Exponent!),
            }),
        };
    }

    public static async Task JsonAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json, context.RequestAborted);
    }
}
