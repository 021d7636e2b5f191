using Godwit.Core.Users;

namespace Godwit.Core.Tests.Users;

public sealed class PrefixedIdTests
{
    [Theory]
    [InlineData(PrefixedId.User)]
    [InlineData(PrefixedId.Email)]
    [InlineData(PrefixedId.Phone)]
    [InlineData(PrefixedId.Session)]
    public void A_new_id_has_its_prefix_and_a_lower_case_uuid_and_is_valid(string prefix)
    {
        var id = PrefixedId.New(prefix);

        Assert.StartsWith(prefix, id, StringComparison.Ordinal);
        Assert.Matches("^[a-z-]+-live-[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$", id);
        Assert.True(PrefixedId.IsValid(prefix, id));
    }

    [Fact]
    public void New_ids_are_unique()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => PrefixedId.New(PrefixedId.User)).ToHashSet();

        Assert.Equal(1000, ids.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("user-live-")]
    [InlineData("user-live-not-a-uuid")]
    [InlineData("user-prod-0190a8f4-1c2b-7d3e-8f40-123456789abc")]
    [InlineData("user-0190a8f4-1c2b-7d3e-8f40-123456789abc")]
    [InlineData("email-live-0190a8f4-1c2b-7d3e-8f40-123456789abc")]
    [InlineData("user-live-0190A8F4-1C2B-7D3E-8F40-123456789ABC")]
    [InlineData("user-live-0190a8f41c2b7d3e8f40123456789abc")]
    [InlineData("user-live-{0190a8f4-1c2b-7d3e-8f40-123456789abc}")]
    [InlineData(" user-live-0190a8f4-1c2b-7d3e-8f40-123456789abc")]
    [InlineData("USER-LIVE-0190a8f4-1c2b-7d3e-8f40-123456789abc")]
    public void Anything_but_the_prefix_and_a_lower_case_hyphenated_uuid_is_not_a_user_id(string? value)
    {
        Assert.False(PrefixedId.IsValid(PrefixedId.User, value));
    }

    [Theory]
    [InlineData("user-live-0190a8f4-1c2b-7d3e-8f40-123456789abc")]
    [InlineData("user-test-0190a8f4-1c2b-7d3e-8f40-123456789abc")]
    public void Ids_of_either_environment_are_well_formed(string value)
    {
        // A server answers "not found" for the other environment's ids, as Stytch does, not "malformed".
        Assert.True(PrefixedId.IsValid(PrefixedId.User, value));
    }
}
