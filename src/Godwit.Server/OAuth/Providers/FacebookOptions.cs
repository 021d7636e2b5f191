namespace Godwit.Server.OAuth.Providers;

/// <summary>Facebook Login settings, bound from <c>Godwit:OAuth:Providers:facebook</c>.</summary>
internal sealed class FacebookOptions : OAuth2ProviderOptions
{
    public const string SectionName = "Godwit:OAuth:Providers:facebook";

    // One Graph API version for the dialog, the token exchange and /me, moved together.
    private const string GraphVersion = "v21.0";

    protected override string Segment => "facebook";

    protected override string DefaultAuthorizationEndpoint => $"https://www.facebook.com/{GraphVersion}/dialog/oauth";

    protected override string DefaultTokenEndpoint => $"https://graph.facebook.com/{GraphVersion}/oauth/access_token";

    protected override string DefaultApiBaseUrl => $"https://graph.facebook.com/{GraphVersion}";
}
