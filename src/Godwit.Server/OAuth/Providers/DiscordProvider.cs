using Godwit.Core.Errors;
using Godwit.Core.OAuth;

namespace Godwit.Server.OAuth.Providers;

/// <summary>
/// Discord: OAuth 2.0 with PKCE, then <c>/users/@me</c>. The email counts as verified only when
/// Discord's <c>verified</c> flag is JSON <c>true</c>. Discord has no first and last name: the
/// display name (<c>global_name</c>, else the username) is the first name.
/// </summary>
internal sealed class DiscordProvider(DiscordOptions options, ProviderCalls calls) : IOAuthProvider
{
    private const string AvatarCdn = "https://cdn.discordapp.com/avatars";
    private static readonly string[] DefaultScopes = ["identify", "email"];

    public string PathSegment => "discord";

    public string ProviderType => OAuthProviderTypes.ForPathSegment(PathSegment)!;

    public bool CallbackIsFormPost => false;

    public Task<Uri> AuthorizationUrlAsync(OAuthAuthorizationRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(OAuth2Requests.AuthorizationUrl(options, request, Scopes(request.CustomScopes)));

    public async Task<Result<ProviderIdentity>> CompleteAsync(OAuthCallback callback, CancellationToken cancellationToken)
    {
        var tokens = await calls.ExchangeCodeAsync(ProviderType, options.TokenUrl, OAuth2Requests.CodeExchange(options, callback), cancellationToken);
        if (!tokens.Succeeded)
        {
            return tokens.Error!;
        }

        var accessToken = tokens.Value.AccessToken;
        var user = await calls.GetAsync(ProviderType, "user API", ProviderSettings.Join(options.ApiBase, "users/@me"), accessToken, cancellationToken);
        if (!user.Succeeded)
        {
            return user.Error!;
        }

        // Discord ids are snowflakes: decimal digits sent as a string.
        if (ProviderJson.Id(user.Value, "id") is not { } subject || !subject.All(char.IsAsciiDigit))
        {
            return calls.Refuse(ProviderType, "user API", "answered without a snowflake id", ErrorCatalog.OAuthFlowCallbackError);
        }

        var email = ProviderJson.Text(user.Value, "email");
        return new ProviderIdentity(
            ProviderType,
            subject,
            email,
            email is not null && ProviderJson.Flag(user.Value, "verified"),
            ProviderJson.Text(user.Value, "global_name") ?? ProviderJson.Text(user.Value, "username"),
            null,
            AvatarUrl(subject, ProviderJson.Text(user.Value, "avatar")),
            ProviderJson.Text(user.Value, "locale") is { Length: <= 35 } locale ? locale : null,
            new ProviderTokens(accessToken, tokens.Value.RefreshToken ?? "", "", AuthorizationUrl.Granted(tokens.Value.Scope, Scopes([])), tokens.Value.ExpiresAt));
    }

    private IReadOnlyList<string> Scopes(IEnumerable<string> custom) => AuthorizationUrl.Scopes(DefaultScopes, options.Scopes, custom);

    // The avatar is a hash, not a URL; it is checked before it becomes part of one. An animated
    // avatar's hash starts with a_ and is served as a GIF.
    private static string? AvatarUrl(string userId, string? hash) =>
        hash is { Length: <= 64 } && hash.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? $"{AvatarCdn}/{userId}/{hash}.{(hash.StartsWith("a_", StringComparison.Ordinal) ? "gif" : "png")}"
            : null;
}
