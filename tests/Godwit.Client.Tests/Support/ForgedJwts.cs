using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Godwit.Tests.Support;

/// <summary>Session JWTs in Stytch's layout signed by a key the project never published.</summary>
internal static class ForgedJwts
{
    public static string Sign(string issuer, string projectId, string userId, string sessionId, string kid = "jwk-live-forged")
    {
        using var rsa = RSA.Create(2048);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = new JsonObject
        {
            ["sub"] = userId,
            ["iss"] = issuer,
            ["aud"] = new JsonArray(projectId),
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + 300,
            ["https://stytch.com/session"] = new JsonObject { ["id"] = sessionId, ["roles"] = new JsonArray("stytch_user") },
        };
        var key = new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: true)) { KeyId = kid };
        return new JsonWebTokenHandler().CreateToken(payload.ToJsonString(), new SigningCredentials(key, SecurityAlgorithms.RsaSha256));
    }
}
