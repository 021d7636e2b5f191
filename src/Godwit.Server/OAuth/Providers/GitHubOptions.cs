namespace Godwit.Server.OAuth.Providers;

/// <summary>GitHub OAuth app settings, bound from <c>Godwit:OAuth:Providers:github</c>.</summary>
internal sealed class GitHubOptions : OAuth2ProviderOptions
{
    public const string SectionName = "Godwit:OAuth:Providers:github";

    protected override string Segment => "github";

    protected override string DefaultAuthorizationEndpoint => "https://github.com/login/oauth/authorize";

    protected override string DefaultTokenEndpoint => "https://github.com/login/oauth/access_token";

    protected override string DefaultApiBaseUrl => "https://api.github.com";
}
