namespace Godwit.Server.OAuth.Providers;

/// <summary>Discord application settings, bound from <c>Godwit:OAuth:Providers:discord</c>.</summary>
internal sealed class DiscordOptions : OAuth2ProviderOptions
{
    public const string SectionName = "Godwit:OAuth:Providers:discord";

    protected override string Segment => "discord";

    protected override string DefaultAuthorizationEndpoint => "https://discord.com/oauth2/authorize";

    protected override string DefaultTokenEndpoint => "https://discord.com/api/oauth2/token";

    protected override string DefaultApiBaseUrl => "https://discord.com/api/v10";
}
