using Godwit.Core.Users;

namespace Godwit.Core.Tests.Users;

public sealed class SecondFactorEnrolmentTests
{
    [Fact]
    public void An_active_user_with_every_address_verified_may_enrol()
    {
        var user = UserWith(UserStatus.Active, emailVerified: true, phoneVerified: true);

        Assert.Null(SecondFactorEnrolment.Refusal(user));
    }

    [Fact]
    public void A_pending_user_is_refused_even_with_verified_addresses()
    {
        var user = UserWith(UserStatus.Pending, emailVerified: true, phoneVerified: null);

        Assert.Equal("second_factor_user_not_active", SecondFactorEnrolment.Refusal(user)?.ErrorType);
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void An_active_user_with_an_unverified_address_is_refused(bool emailVerified, bool? phoneVerified)
    {
        var user = UserWith(UserStatus.Active, emailVerified, phoneVerified);

        Assert.Equal("second_factor_unverified_primary_factor", SecondFactorEnrolment.Refusal(user)?.ErrorType);
    }

    [Fact]
    public void An_active_user_without_any_address_is_refused()
    {
        var user = new User { UserId = PrefixedId.New(PrefixedId.User), Status = UserStatus.Active };

        Assert.Equal("second_factor_unverified_primary_factor", SecondFactorEnrolment.Refusal(user)?.ErrorType);
    }

    private static User UserWith(UserStatus status, bool emailVerified, bool? phoneVerified)
    {
        var user = new User { UserId = PrefixedId.New(PrefixedId.User), Status = status };
        user.Emails.Add(new UserEmail { EmailId = PrefixedId.New(PrefixedId.Email), UserId = user.UserId, Address = "a@example.com", Verified = emailVerified });
        if (phoneVerified is { } verified)
        {
            user.Phones.Add(new UserPhone { PhoneId = PrefixedId.New(PrefixedId.Phone), UserId = user.UserId, Number = "+15550101234", Verified = verified });
        }

        return user;
    }
}
