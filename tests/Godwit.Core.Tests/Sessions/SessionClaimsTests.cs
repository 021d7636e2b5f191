using System.Text.Json.Nodes;
using Godwit.Core.Errors;
using Godwit.Core.Sessions;

namespace Godwit.Core.Tests.Sessions;

public sealed class SessionClaimsTests
{
    [Theory]
    [InlineData("iss")]
    [InlineData("sub")]
    [InlineData("aud")]
    [InlineData("exp")]
    [InlineData("nbf")]
    [InlineData("iat")]
    [InlineData("jti")]
    [InlineData("https://stytch.com/session")]
    [InlineData("https://stytch.com/organization")]
    public void A_registered_or_stytch_claim_is_not_allowed_as_a_custom_claim(string claim)
    {
        Assert.False(SessionJwts.AreAllowedCustomClaims(new JsonObject { ["ok"] = 1, [claim] = "x" }));
    }

    [Theory]
    [InlineData("ISS")]
    [InlineData("role")]
    [InlineData("https://example.com/claims")]
    [InlineData("stytch.com/session")]
    public void Other_claims_are_allowed(string claim)
    {
        Assert.True(SessionJwts.AreAllowedCustomClaims(new JsonObject { [claim] = "x" }));
    }

    [Fact]
    public void Rfc3339_writes_utc_to_the_second_with_a_z()
    {
        Assert.Equal("2024-02-29T23:59:58Z", SessionJwts.Rfc3339(new DateTime(2024, 2, 29, 23, 59, 58, 999, DateTimeKind.Utc)));
    }

    [Theory]
    [InlineData(4, "invalid_session_duration_minutes")]
    [InlineData(527_041, "invalid_session_duration_minutes")]
    [InlineData(5, null)]
    [InlineData(527_040, null)]
    public void Session_durations_run_from_5_to_527040_minutes(int minutes, string? errorType)
    {
        Assert.Equal(errorType, SessionService.Validate(new SessionRequest(minutes, null, null, null))?.ErrorType);
    }

    [Fact]
    public void A_request_with_both_a_token_and_a_jwt_is_refused()
    {
        Assert.Equal(ErrorCatalog.TooManySessionArguments, SessionService.Validate(new SessionRequest(null, "token", "jwt", null)));
    }

    [Fact]
    public void Custom_claims_over_4096_bytes_are_refused()
    {
        var claims = new JsonObject { ["big"] = new string('x', 4096) };

        Assert.Equal(ErrorCatalog.CustomClaimsTooLarge, SessionService.Validate(new SessionRequest(60, null, null, claims)));
    }
}
