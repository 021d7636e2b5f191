using System.Text.Json;
using Godwit.Core.Errors;
using Godwit.Core.Legacy;
using Godwit.Core.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Godwit.Server.Legacy;

/// <summary>
/// Checks a legacy JWT locally against the legacy JWKS: an asymmetric signature by one of its keys,
/// the configured issuer and audience, and <c>exp</c> (required) and <c>nbf</c> against Godwit's clock
/// with a small allowance for clocks that drift. The email comes from
/// <c>Godwit:Migration:LegacyJwtEmailClaim</c>.
/// </summary>
internal sealed partial class LegacyJwtSessionSource(LegacyJwks jwks, LegacySystemOptions options, ProjectKeys keys, TimeProvider clock, ILogger<LegacyJwtSessionSource> logger)
{
    /// <summary>How far the legacy system's clock may be from Godwit's.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    // Public-key algorithms only: a symmetric algorithm would let a token "signed" with the
    // public key, which anybody can fetch, pass (the classic algorithm-confusion attack).
    private static readonly string[] Algorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    private static readonly JsonWebTokenHandler Handler = new();

    /// <summary>Three dot-separated parts that parse as a signed JWT; anything else goes to the other sources.</summary>
    public static bool LooksLikeJwt(string token, out JsonWebToken? jwt)
    {
        jwt = null;
        if (token.Count(c => c == '.') != 2)
        {
            return false;
        }

        try
        {
            jwt = new JsonWebToken(token);
            return true;
        }
        catch (ArgumentException)
        {
            // Includes SecurityTokenMalformedException.
            return false;
        }
    }

    public async Task<Result<LegacyIdentity>> IdentifyAsync(JsonWebToken jwt, CancellationToken cancellationToken)
    {
        if (await jwks.KeysForAsync(jwt.Kid, cancellationToken) is not { } signingKeys)
        {
            return ErrorCatalog.LegacySessionCheckUnavailable.WithMessage("The legacy JWKS could not be fetched, so the legacy JWT cannot be checked. Nothing was created; try again later.");
        }

        var result = await Handler.ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            ValidIssuer = options.LegacyJwtIssuer,
            ValidAudience = options.LegacyJwtAudience,
            ValidAlgorithms = Algorithms,
            IssuerSigningKeys = signingKeys,
            RequireSignedTokens = true,
            // Lifetime is judged below against Godwit's TimeProvider, not the machine clock.
            ValidateLifetime = false,
        });
        if (!result.IsValid)
        {
            var reason = result.Exception switch
            {
                SecurityTokenInvalidIssuerException => "its issuer is not the configured legacy issuer",
                SecurityTokenInvalidAudienceException => "its audience is not the configured legacy audience",
                SecurityTokenInvalidAlgorithmException => "its algorithm is not an accepted public-key algorithm",
                SecurityTokenSignatureKeyNotFoundException => "it is signed with a key the legacy JWKS does not publish",
                _ => "its signature does not verify",
            };
            return Rejected(reason);
        }

        var now = clock.GetUtcNow();
        if (!jwt.TryGetPayloadValue<long>("exp", out var exp))
        {
            return Rejected("it has no exp claim");
        }

        if (now >= DateTimeOffset.FromUnixTimeSeconds(exp) + ClockSkew)
        {
            return Rejected("it has expired");
        }

        if (jwt.TryGetPayloadValue<long>("nbf", out var nbf) && now + ClockSkew < DateTimeOffset.FromUnixTimeSeconds(nbf))
        {
            return Rejected("it is not valid yet");
        }

        using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload));
        var claims = payload.RootElement;
        if (LegacyClaims.Email(claims, options.LegacyJwtEmailClaim) is not { } email)
        {
            LogNoValidEmail(logger, options.LegacyJwtEmailClaim);
            return ErrorCatalog.LegacySessionWithoutEmail;
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            var pseudonym = keys.LogPseudonym(email);
            LogAccepted(logger, pseudonym);
        }
        return new LegacyIdentity(email, LegacyClaims.Profile(claims), "legacy_jwt");
    }

    private Result<LegacyIdentity> Rejected(string reason)
    {
        LogRefused(logger, reason);
        return ErrorCatalog.UnableToAuthLegacySession.WithMessage($"The legacy JWT was refused: {reason}.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Legacy JWT accepted but its {Claim} claim is not a valid email")]
    private static partial void LogNoValidEmail(ILogger logger, string claim);

    [LoggerMessage(Level = LogLevel.Information, Message = "Legacy JWT accepted for email {EmailPseudonym}")]
    private static partial void LogAccepted(ILogger logger, string emailPseudonym);

    [LoggerMessage(Level = LogLevel.Information, Message = "Legacy JWT refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
