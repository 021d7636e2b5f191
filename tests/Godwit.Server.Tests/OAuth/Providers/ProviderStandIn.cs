using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace Godwit.Server.Tests.OAuth.Providers;

/// <summary>
/// A social provider's endpoints on a loopback port, played the way the real one plays them: the
/// token endpoint accepts only a code it issued, for the redirect_uri it was issued for, from the
/// configured client with its secret and the PKCE verifier of the challenge it saw; the user API
/// answers only its own access token. <see cref="Answer"/> replaces any endpoint's answer, for the
/// malformed ones.
/// </summary>
internal sealed class ProviderStandIn : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> overrides = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IssuedCode> codes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ReceivedCall> calls = new();
    private WebApplication app = null!;

    private ProviderStandIn()
    {
    }

    public string ClientId { get; } = "client-" + Guid.NewGuid().ToString("N")[..8];

    public string ClientSecret { get; } = "secret-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    /// <summary>The access token the token endpoint hands out; the user API answers only it.</summary>
    public string AccessToken { get; } = "access-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    public string BaseUrl { get; private set; } = "";

    /// <summary>GitHub's manner: a refused code exchange answers 200 with an <c>error</c> field.</summary>
    public bool ErrorsAsOk { get; init; }

    public IReadOnlyCollection<ReceivedCall> Calls => calls.ToArray();

    public static async Task<ProviderStandIn> StartAsync(bool errorsAsOk = false)
    {
        var standIn = new ProviderStandIn { ErrorsAsOk = errorsAsOk };
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        standIn.app = builder.Build();
        standIn.app.Run(standIn.HandleAsync);
        await standIn.app.StartAsync();
        standIn.BaseUrl = standIn.app.Urls.Single().TrimEnd('/');
        standIn.Map("/token", standIn.TokenAsync);
        return standIn;
    }

    public string Url(string path) => BaseUrl + path;

    public void Map(string path, Func<HttpContext, Task> handler) => routes[path] = handler;

    /// <summary>Answers <paramref name="path"/> with <paramref name="status"/> and <paramref name="body"/> instead of the stand-in's own answer.</summary>
    public void Answer(string path, int status, string body) => overrides[path] = context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body);
    };

    /// <summary>Breaks the connection instead of answering <paramref name="path"/>.</summary>
    public void Abort(string path) => overrides[path] = context =>
    {
        context.Abort();
        return Task.CompletedTask;
    };

    /// <summary>What the authorize endpoint would do after the person consents: a code bound to the challenge and redirect_uri.</summary>
    public string IssueCode(string? codeChallenge, string redirectUri)
    {
        var code = "code-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        codes[code] = new IssuedCode(codeChallenge, redirectUri);
        return code;
    }

    /// <summary>
    /// The authorize step after the person consents: a code bound to the request's code_challenge and
    /// redirect_uri, sent back with its state, by a redirect to redirect_uri, or for
    /// <c>response_mode=form_post</c> as a JSON object of the form fields the browser would post there.
    /// </summary>
    public void MapAuthorize(string path, Action<IQueryCollection>? consented = null) => Map(path, context =>
    {
        var query = context.Request.Query;
        consented?.Invoke(query);
        var challenge = query["code_challenge"].ToString();
        var redirectUri = query["redirect_uri"].ToString();
        var fields = new Dictionary<string, string?> { ["code"] = IssueCode(challenge.Length == 0 ? null : challenge, redirectUri), ["state"] = query["state"].ToString() };
        if (query["response_mode"] == "form_post")
        {
            return context.Response.WriteAsJsonAsync(fields);
        }

        context.Response.Redirect(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(redirectUri, fields));
        return Task.CompletedTask;
    });

    /// <summary>Writes a JSON answer for the user API, when the request carries the stand-in's access token.</summary>
    public async Task UserApiAsync(HttpContext context, string json)
    {
        if (context.Request.Headers.Authorization.ToString() != $"Bearer {AccessToken}")
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsync("""{"message":"Bad credentials"}""");
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    }

    /// <summary>The extra fields of a successful token answer (Apple adds its id_token here).</summary>
    public Func<IFormCollection, Dictionary<string, object>> TokenExtras { get; set; } = _ => new() { ["scope"] = "read:user,user:email" };

    /// <summary>Checks the client before the code (Apple overrides it to check its signed client_secret).</summary>
    public Func<IFormCollection, Task<bool>>? ClientIsAuthentic { get; set; }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        IFormCollection? form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync() : null;
        calls.Enqueue(new ReceivedCall(context.Request.Method, context.Request.Path, context.Request.QueryString.Value ?? "",
            form?.ToDictionary(f => f.Key, f => f.Value.ToString()) ?? [], context.Request.Headers.Authorization.ToString()));
        var path = context.Request.Path.Value ?? "";
        if (overrides.TryGetValue(path, out var replaced))
        {
            await replaced(context);
        }
        else if (routes.TryGetValue(path, out var handler))
        {
            await handler(context);
        }
        else
        {
            context.Response.StatusCode = 404;
        }
    }

    private async Task TokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var clientOk = ClientIsAuthentic is null
            ? form["client_id"] == ClientId && form["client_secret"] == ClientSecret
            : await ClientIsAuthentic(form);
        // A code is single use, like the real ones.
        var codeOk = codes.TryRemove(form["code"].ToString(), out var issued)
            && form["redirect_uri"] == issued.RedirectUri
            && (issued.CodeChallenge is null || Challenge(form["code_verifier"].ToString()) == issued.CodeChallenge);
        var error = !clientOk ? "invalid_client" : !codeOk ? "invalid_grant" : null;
        if (error is not null)
        {
            context.Response.StatusCode = ErrorsAsOk ? 200 : 400;
            await context.Response.WriteAsJsonAsync(new { error, error_description = "refused " + form["code"] });
            return;
        }

        var answer = new Dictionary<string, object> { ["access_token"] = AccessToken, ["token_type"] = "bearer", ["expires_in"] = 3600, ["refresh_token"] = "refresh-" + AccessToken };
        foreach (var extra in TokenExtras(form))
        {
            answer[extra.Key] = extra.Value;
        }

        await context.Response.WriteAsJsonAsync(answer);
    }

    public static string Challenge(string verifier) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private sealed record IssuedCode(string? CodeChallenge, string RedirectUri);
}

internal sealed record ReceivedCall(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Form, string Authorization);
