using Godwit.Core.Users;

namespace Godwit.Core.Tests.Users;

public sealed class UserTests
{
    [Fact]
    public void A_user_without_addresses_has_all_primary_factors_verified()
    {
        Assert.True(NewUser().PrimaryFactorsVerified);
    }

    [Theory]
    [InlineData(true, true, true)]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, false, false)]
    public void Primary_factors_are_verified_only_when_every_email_and_phone_is(bool emailVerified, bool phoneVerified, bool expected)
    {
        var user = NewUser();
        user.Emails.Add(new UserEmail { EmailId = PrefixedId.New(PrefixedId.Email), UserId = user.UserId, Address = "a@example.com", Verified = emailVerified });
        user.Phones.Add(new UserPhone { PhoneId = PrefixedId.New(PrefixedId.Phone), UserId = user.UserId, Number = "+15550101234", Verified = phoneVerified });

        Assert.Equal(expected, user.PrimaryFactorsVerified);
    }

    [Fact]
    public void One_unverified_email_among_verified_ones_blocks_adding_addresses()
    {
        var user = NewUser();
        user.Emails.Add(new UserEmail { EmailId = PrefixedId.New(PrefixedId.Email), UserId = user.UserId, Address = "a@example.com", Verified = true });
        user.Emails.Add(new UserEmail { EmailId = PrefixedId.New(PrefixedId.Email), UserId = user.UserId, Address = "b@example.com" });

        Assert.False(user.PrimaryFactorsVerified);
    }

    [Fact]
    public void Marking_an_address_verified_activates_a_pending_user()
    {
        var user = NewUser(UserStatus.Pending);
        var email = new UserEmail { EmailId = PrefixedId.New(PrefixedId.Email), UserId = user.UserId, Address = "a@example.com" };
        user.Emails.Add(email);

        user.MarkVerified(email, null);

        Assert.True(email.Verified);
        Assert.Equal(UserStatus.Active, user.Status);
        Assert.True(user.PrimaryFactorsVerified);
    }

    [Fact]
    public void External_ids_are_1_to_128_visible_characters()
    {
        Assert.True(UserService.IsValidExternalId("a"));
        Assert.True(UserService.IsValidExternalId(new string('x', 128)));
        Assert.True(UserService.IsValidExternalId("legacy|42:ünïcode"));
        Assert.False(UserService.IsValidExternalId(""));
        Assert.False(UserService.IsValidExternalId(new string('x', 129)));
        Assert.False(UserService.IsValidExternalId("has space"));
        Assert.False(UserService.IsValidExternalId("tab\there"));
        Assert.False(UserService.IsValidExternalId("nul\0"));
        Assert.False(UserService.IsValidExternalId("nbsp\u00a0"));
    }

    private static User NewUser(UserStatus status = UserStatus.Active) => new() { UserId = PrefixedId.New(PrefixedId.User), Status = status };
}
