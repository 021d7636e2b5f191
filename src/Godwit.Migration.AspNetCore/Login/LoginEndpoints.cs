using Godwit.Client;
using Godwit.Contracts.MagicLinks;
using Godwit.Contracts.Otps;
using Godwit.Contracts.Sessions;
using Godwit.Migration.AspNetCore.Authentication;
using Godwit.Migration.AspNetCore.Login;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the login flow's pages.</summary>
public static partial class LoginEndpoints
{
    private const string ReturnUrlCookie = ".Godwit.ReturnUrl";

    /// <summary>
    /// Maps <c>GET/POST {LoginPath}</c> (the email form), <c>POST {LoginPath}/code</c> (the code form),
    /// <c>POST {LoginPath}/code/resend</c> (a new code), <c>GET/POST {LoginPath}/magic-link</c> (where
    /// links land), <c>GET/POST {LogoutPath}</c> and <c>GET {LogoutPath}/done</c>. When Godwit cannot
    /// be reached or fails, every step answers a page saying sign-in is unavailable, with status 503.
    /// </summary>
    public static RouteGroupBuilder MapGodwitLogin(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<GodwitLoginOptions>>().Value;
        var group = endpoints.MapGroup("");
        group.AddEndpointFilter<GodwitUnavailable>();
        var login = options.LoginPath.Value!;
        group.MapGet(login, (HttpContext context) => Pages(context).Email(ReturnUrl(context, context.Request.Query["returnUrl"])));
        group.MapPost(login, StartAsync);
        group.MapPost(login + "/code", VerifyCodeAsync);
        group.MapPost(login + "/code/resend", ResendCodeAsync);
        group.MapGet(login + "/magic-link", (HttpContext context) => context.Request.Query["token"].ToString() is { Length: > 0 } token
            ? Pages(context).ConfirmLink(token)
            : Pages(context).LinkFailed("This sign-in link is incomplete. Send a new one."));
        group.MapPost(login + "/magic-link", AuthenticateLinkAsync);
        group.MapGet(options.LogoutPath.Value!, (HttpContext context) => Pages(context).Logout());
        group.MapPost(options.LogoutPath.Value!, LogoutAsync);
        group.MapGet(options.LogoutPath.Value! + "/done", (HttpContext context) => Pages(context).SignedOut());
        return group;
    }

    private static async Task<IResult> StartAsync(HttpContext context, GodwitClient client, IDataProtectionProvider protection, IOptions<GodwitLoginOptions> settings)
    {
        var options = settings.Value;
        var pages = Pages(context);
        if (await ReadFormAsync(context) is not { } form)
        {
            return pages.Refused("The form expired. Reload the page and try again.");
        }

        var email = form["email"].ToString().Trim();
        var returnUrl = ReturnUrl(context, form["returnUrl"]);
        try
        {
            if (options.Method == GodwitLoginMethod.EmailMagicLink)
            {
                var url = options.MagicLinkUrl?.AbsoluteUri;
                var challenge = LinkVerifier.Issue(context, TimeSpan.FromHours(1));
                await client.MagicLinks.Email.LoginOrCreateAsync(
                    new EmailLoginOrCreateRequest { Email = email, LoginMagicLinkUrl = url, SignupMagicLinkUrl = url, CodeChallenge = challenge },
                    context.RequestAborted);
                context.Response.Cookies.Append(ReturnUrlCookie, returnUrl, new CookieOptions { HttpOnly = true, Secure = context.Request.IsHttps, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromHours(1) });
                return pages.LinkSent(email);
            }

            var sent = await SendCodeAsync(client, email, options, context.RequestAborted);
            return pages.Code(new LoginState(sent.EmailId, email, returnUrl).Seal(protection), email);
        }
        catch (GodwitApiException exception) when (exception.ErrorType is "invalid_email" or "too_many_requests")
        {
            // Anything else (Godwit down, failing, refusing the project) is the unavailable page: GodwitUnavailable.
            return pages.Email(returnUrl, email, exception.ErrorType == "invalid_email"
                ? "Enter an email address such as name@example.com."
                : $"Too many messages were sent to this address. Try again {Later(exception)}.");
        }
    }

    /// <summary>
    /// "Send a new code": the same login_or_create call as the first send, so Godwit's send limits
    /// (per minute and per hour for the address) apply to it unchanged. A refusal says how long to
    /// wait, from the Retry-After, on the code form the person is still using.
    /// </summary>
    private static async Task<IResult> ResendCodeAsync(HttpContext context, GodwitClient client, IDataProtectionProvider protection, IOptions<GodwitLoginOptions> settings)
    {
        var pages = Pages(context);
        if (await ReadFormAsync(context) is not { } form)
        {
            return pages.Refused("The form expired. Reload the page and try again.");
        }

        if (LoginState.Open(protection, form["state"]) is not { } state)
        {
            return pages.Email(settings.Value.DefaultReturnUrl, error: "This code form has expired. Enter your email address again.");
        }

        try
        {
            var sent = await SendCodeAsync(client, state.Email, settings.Value, context.RequestAborted);
            return pages.Code(new LoginState(sent.EmailId, state.Email, state.ReturnUrl).Seal(protection), state.Email, notice: $"We sent a new code to {state.Email}. Use the newest code.");
        }
        catch (GodwitApiException exception) when (exception.ErrorType == "too_many_requests")
        {
            var wait = exception.RetryAfter is { } retryAfter
                ? $"Wait {Seconds(retryAfter)} before asking for another code."
                : "Wait a minute before asking for another code.";
            return pages.Code(form["state"]!, state.Email, resendError: $"A new code cannot be sent yet. {wait} The code already sent still works until it expires.", status: StatusCodes.Status429TooManyRequests);
        }
    }

    /// <summary>Sends a code that lives exactly as long as the code page says (<see cref="GodwitLoginOptions.CodeExpirationMinutes"/>).</summary>
    private static Task<EmailOtpLoginOrCreateResponse> SendCodeAsync(GodwitClient client, string email, GodwitLoginOptions options, CancellationToken cancellationToken) =>
        client.Otps.Email.LoginOrCreateAsync(new EmailOtpLoginOrCreateRequest { Email = email, ExpirationMinutes = options.CodeExpirationMinutes }, cancellationToken);

    private static async Task<IResult> VerifyCodeAsync(HttpContext context, GodwitClient client, IDataProtectionProvider protection, IOptions<GodwitLoginOptions> settings)
    {
        var pages = Pages(context);
        if (await ReadFormAsync(context) is not { } form)
        {
            return pages.Refused("The form expired. Reload the page and try again.");
        }

        if (LoginState.Open(protection, form["state"]) is not { } state)
        {
            return pages.Email(settings.Value.DefaultReturnUrl, error: "This code form has expired. Enter your email address again.");
        }

        var code = form["code"].ToString().Trim();
        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            // Checked here so a typo does not spend one of the code's attempts.
            return pages.Code(form["state"]!, state.Email, "Enter the six digits from the email.");
        }

        FactorAuthenticateResponse authenticated;
        try
        {
            authenticated = await client.Otps.AuthenticateAsync(
                new OtpAuthenticateRequest { MethodId = state.MethodId, Code = code, SessionDurationMinutes = settings.Value.SessionDurationMinutes },
                context.RequestAborted);
        }
        catch (GodwitApiException exception) when (exception.ErrorType is "otp_code_not_found" or "unable_to_auth_otp_code" or "too_many_requests")
        {
            return exception.ErrorType switch
            {
                "otp_code_not_found" => pages.Code(form["state"]!, state.Email, "That code is not right. Check the email and try again."),
                "unable_to_auth_otp_code" => pages.Email(state.ReturnUrl, state.Email, "That code has expired or has been tried too often. Send a new one."),
                _ => pages.Email(state.ReturnUrl, state.Email, $"Too many wrong codes were entered for this address. Try again {Later(exception)}."),
            };
        }

        return await LoginCompletion.SignInAsync(context, authenticated.User, authenticated.SessionToken, authenticated.SessionJwt, authenticated.Session, state.ReturnUrl);
    }

    private static async Task<IResult> AuthenticateLinkAsync(HttpContext context, GodwitClient client, IOptions<GodwitLoginOptions> settings)
    {
        var pages = Pages(context);
        if (await ReadFormAsync(context) is not { } form)
        {
            return pages.Refused("The form expired. Open the link from the email again.");
        }

        if (LinkVerifier.Read(context) is not { } verifier)
        {
            // Only the browser that asked for the link holds its verifier; Godwit would refuse the
            // link without it, so it is not even tried.
            return pages.LinkFailed("Open this sign-in link in the browser where you asked for it, or send a new one from here.");
        }

        FactorAuthenticateResponse authenticated;
        try
        {
            authenticated = await client.MagicLinks.AuthenticateAsync(
                new MagicLinkAuthenticateRequest { Token = form["token"].ToString(), CodeVerifier = verifier, SessionDurationMinutes = settings.Value.SessionDurationMinutes },
                context.RequestAborted);
        }
        catch (GodwitApiException exception) when (exception.StatusCode is >= 400 and < 500 and not 401 and not 403 and not 429)
        {
            return pages.LinkFailed(exception.ErrorType == "pkce_mismatch"
                ? "This sign-in link was asked for in another browser, or a newer link was sent since. Open the newest link in the browser where you asked for it."
                : "This sign-in link has expired or has already been used. Send a new one.");
        }

        LinkVerifier.Forget(context);

        var returnUrl = ReturnUrl(context, context.Request.Cookies[ReturnUrlCookie]);
        context.Response.Cookies.Delete(ReturnUrlCookie);
        return await LoginCompletion.SignInAsync(context, authenticated.User, authenticated.SessionToken, authenticated.SessionJwt, authenticated.Session, returnUrl);
    }

    private static async Task<IResult> LogoutAsync(HttpContext context, GodwitClient client)
    {
        if (await ReadFormAsync(context) is null)
        {
            return Pages(context).Refused("The form expired. Reload the page and try again.");
        }

        var signedIn = await context.AuthenticateAsync(GodwitAuthenticationDefaults.CookieScheme);
        if (signedIn.Properties?.GetTokenValue(GodwitAuthenticationDefaults.SessionTokenName) is { Length: > 0 } token)
        {
            try
            {
                await client.Sessions.RevokeAsync(new RevokeSessionRequest { SessionToken = token }, context.RequestAborted);
            }
            catch (GodwitApiException exception) when (exception.StatusCode is >= 400 and < 500)
            {
                // Already revoked or expired: signing out locally is all that is left to do.
                var logger = Logger(context);
                LogRevokeAnswered(logger, exception.ErrorType);
            }
            catch (Exception exception) when ((exception is GodwitApiException or HttpRequestException or TaskCanceledException) && !context.RequestAborted.IsCancellationRequested)
            {
                // Godwit is unreachable: the person still leaves this device; the session ends at its expiry.
                LogRevokeFailed(Logger(context), exception);
            }
        }

        await context.SignOutAsync(GodwitAuthenticationDefaults.CookieScheme);
        var options = context.RequestServices.GetRequiredService<IOptions<GodwitLoginOptions>>().Value;
        return Results.LocalRedirect(context.Request.PathBase.Add(options.LogoutPath).Add("/done").Value!);
    }

    /// <summary>The posted form, or null when its antiforgery token does not check out.</summary>
    private static async Task<IFormCollection?> ReadFormAsync(HttpContext context)
    {
        var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
        {
            return null;
        }

        return await context.Request.ReadFormAsync(context.RequestAborted);
    }

    internal static LoginPages Pages(HttpContext context) => new(
        context.RequestServices.GetRequiredService<IOptions<GodwitLoginOptions>>().Value,
        context.RequestServices.GetRequiredService<IAntiforgery>(),
        context);

    private static string ReturnUrl(HttpContext context, string? requested) =>
        LoginState.LocalOr(requested, context.RequestServices.GetRequiredService<IOptions<GodwitLoginOptions>>().Value.DefaultReturnUrl);

    /// <summary>"in 12 minutes" from a 429's Retry-After, or "in a minute" when it named none.</summary>
    private static string Later(GodwitApiException exception) => exception.RetryAfter is { } wait && wait > TimeSpan.FromMinutes(1)
        ? $"in {(int)Math.Ceiling(wait.TotalMinutes)} minutes"
        : "in a minute";

    /// <summary>"45 seconds" from a Retry-After, rounded up, so the wait is never cut short.</summary>
    private static string Seconds(TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        return seconds == 1 ? "1 second" : $"{seconds} seconds";
    }

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Godwit.Migration.AspNetCore.Login");

    [LoggerMessage(Level = LogLevel.Information, Message = "Revoking the Godwit session at sign-out answered {ErrorType}.")]
    private static partial void LogRevokeAnswered(ILogger logger, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Godwit could not be reached to revoke the session at sign-out; the cookie was removed and the session ends at its expiry.")]
    private static partial void LogRevokeFailed(ILogger logger, Exception exception);
}
