using Godwit.Core.Rbac;
using Godwit.Server.Rbac;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Godwit.Server.Tests.Rbac;

/// <summary>A policy that names what does not exist refuses to start, with one line naming the mistake.</summary>
public sealed class RbacSettingsTests
{
    [Theory]
    [InlineData("Godwit:Rbac:Roles:0:Permissions:0:ResourceId", "invoices", "Godwit:Rbac:Roles: role 'editor' has a permission on unknown resource 'invoices'.")]
    [InlineData("Godwit:Rbac:Roles:0:Permissions:0:Actions:0", "delete", "Godwit:Rbac:Roles: role 'editor' names action 'delete', which resource 'documents' does not have.")]
    [InlineData("Godwit:Rbac:Roles:1:RoleId", "editor", "Godwit:Rbac:Roles names role 'editor' twice.")]
    [InlineData("Godwit:Rbac:Roles:1:RoleId", "stytch_admin", "Godwit:Rbac:Roles: role 'stytch_admin' may not start with 'stytch'; only 'stytch_user' is predefined.")]
    [InlineData("Godwit:Rbac:Resources:0:ResourceId", "stytch.self", "Godwit:Rbac:Resources: resource 'stytch.self' may not start with 'stytch', which Stytch reserves.")]
    public void A_policy_with_a_mistake_is_refused_at_startup_in_one_line(string key, string value, string message)
    {
        var settings = new Dictionary<string, string?>(PolicyGodwit.PolicySettings) { [key] = value };
        using var services = Services(settings);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RbacOptions>>().Value);

        Assert.Equal(message, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void The_test_policy_itself_is_accepted_and_stytch_user_comes_first()
    {
        using var services = Services(PolicyGodwit.PolicySettings);

        var policy = services.GetRequiredService<RbacPolicy>();

        Assert.Equal(["stytch_user", "editor", "viewer"], policy.Roles.Select(r => r.RoleId));
    }

    private static ServiceProvider Services(IReadOnlyDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddGodwitRbac(configuration).BuildServiceProvider();
    }
}
