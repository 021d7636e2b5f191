using Godwit.Migration.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the <c>Godwit</c> session-JWT scheme.</summary>
public static class GodwitAuthenticationBuilderExtensions
{
    /// <summary>
    /// Adds the scheme <c>Godwit</c>, which authenticates requests by a Godwit session JWT. Needs
    /// <c>AddGodwitClient</c>. Claims: <see cref="GodwitClaimTypes.UserId"/>,
    /// <see cref="GodwitClaimTypes.SessionId"/> and the session's roles; add the application's own
    /// with an <c>IClaimsTransformation</c>.
    /// </summary>
    public static AuthenticationBuilder AddGodwit(this AuthenticationBuilder builder, Action<GodwitAuthenticationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddScheme<GodwitAuthenticationOptions, GodwitAuthenticationHandler>(GodwitAuthenticationDefaults.AuthenticationScheme, configure);
    }
}
