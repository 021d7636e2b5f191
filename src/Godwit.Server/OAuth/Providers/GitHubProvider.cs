using System.Text.Json;
using Godwit.Core.Errors;
using Godwit.Core.OAuth;

namespace Godwit.Server.OAuth.Providers;

/// <summary>
/// GitHub: plain OAuth 2.0 with PKCE, then the REST API. The subject is the numeric account id
/// (a login name can be renamed and reused); the email is the one GitHub marks primary, verified
/// only when GitHub says so in <c>/user/emails</c>. The profile's public email is never used: its
/// owner can type any address there.
/// </summary>
internal sealed class GitHubProvider(GitHubOptions options, ProviderCalls calls) : IOAuthProvider
{
    private static readonly string[] DefaultScopes = ["read:user", "user:email"];

    public string PathSegment => "github";

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
        var user = await calls.GetAsync(ProviderType, "user API", ProviderSettings.Join(options.ApiBase, "user"), accessToken, cancellationToken);
        if (!user.Succeeded)
        {
            return user.Error!;
        }

        if (ProviderJson.Id(user.Value, "id") is not { } subject)
        {
            return calls.Refuse(ProviderType, "user API", "answered without a numeric id", ErrorCatalog.OAuthFlowCallbackError);
        }

        var emails = await calls.GetAsync(ProviderType, "emails API", ProviderSettings.Join(options.ApiBase, "user/emails"), accessToken, cancellationToken);
        if (!emails.Succeeded)
        {
            return emails.Error!;
        }

        var primary = PrimaryEmail(emails.Value);
        var email = primary is null ? null : ProviderJson.Text(primary.Value, "email");
        var (firstName, lastName) = SplitName(ProviderJson.Text(user.Value, "name"));
        return new ProviderIdentity(
            ProviderType,
            subject,
            email,
            email is not null && ProviderJson.Flag(primary!.Value, "verified"),
            firstName,
            lastName,
            ProviderJson.HttpsUrl(user.Value, "avatar_url"),
            null,
            new ProviderTokens(accessToken, tokens.Value.RefreshToken ?? "", "", AuthorizationUrl.Granted(tokens.Value.Scope, Scopes([])), tokens.Value.ExpiresAt));
    }

    private IReadOnlyList<string> Scopes(IEnumerable<string> custom) => AuthorizationUrl.Scopes(DefaultScopes, options.Scopes, custom);

    private static JsonElement? PrimaryEmail(JsonElement emails) =>
        emails.ValueKind != JsonValueKind.Array ? null
        : emails.EnumerateArray().Where(e => ProviderJson.Flag(e, "primary"))
            .Select(e => (JsonElement?)e).FirstOrDefault();

    // GitHub has one free-text name; its first word is taken as the first name.
    internal static (string? First, string? Last) SplitName(string? name)
    {
        var parts = name?.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts switch
        {
            [var first, var last] => (first, last),
            [var first] => (first, null),
            _ => (null, null),
        };
    }
}
