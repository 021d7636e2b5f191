namespace Godwit.Server.OAuth;

/// <summary>When a provider's <c>email_verified</c> may be believed.</summary>
internal enum EmailTrust
{
    /// <summary>The id_token's (or userinfo's) <c>email_verified</c> claim.</summary>
    EmailVerifiedClaim,

    /// <summary>
    /// Microsoft: any tenant admin can set any email on an account, so only the optional
    /// <c>xms_edov</c> claim (the email's domain is verified by the tenant that owns it) counts.
    /// </summary>
    DomainOwnerVerified,
}

/// <summary>A built-in OpenID provider: its Stytch name, real discovery document and email rule.</summary>
internal sealed record OidcPreset(string PathSegment, string ProviderType, string DefaultDiscoveryUrl, EmailTrust EmailTrust)
{
    public static readonly OidcPreset Google = new("google", "Google", "https://accounts.google.com/.well-known/openid-configuration", EmailTrust.EmailVerifiedClaim);

    /// <summary>Its discovery URL names the tenant (<c>{tenant}</c> is replaced).</summary>
    public static readonly OidcPreset Microsoft = new("microsoft", "Microsoft", "https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration", EmailTrust.DomainOwnerVerified);

    public static readonly OidcPreset GitLab = new("gitlab", "GitLab", "https://gitlab.com/.well-known/openid-configuration", EmailTrust.EmailVerifiedClaim);

    public static readonly IReadOnlyList<OidcPreset> All = [Google, Microsoft, GitLab];
}
