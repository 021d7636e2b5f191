using System.Text.Json;
using Godwit.Contracts;
using Godwit.Contracts.Users;
using Godwit.Core.OAuth;
using Godwit.Core.Users;
using Godwit.Storage;
using Godwit.Testing.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Migration.Tests.Support;

/// <summary>Godwit users as the migration step receives them, and their provider registrations.</summary>
public static class GodwitUsers
{
    /// <summary>
    /// Gives a Godwit user a provider registration, as a login at that provider would. A fixture step:
    /// the row is written through the host's own storage, since no provider login can make one in these
    /// tests yet; everything the step then sees comes from Godwit's API.
    /// </summary>
    public static async Task AddOAuthRegistrationAsync(this GodwitHost host, string userId, string providerType, string providerSubject)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GodwitDbContext>();
        db.Set<OAuthRegistration>().Add(new OAuthRegistration
        {
            OAuthRegistrationId = PrefixedId.New(PrefixedId.OAuthRegistration),
            UserId = userId,
            ProviderType = providerType,
            ProviderSubject = providerSubject,
            CreatedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
    }

    /// <summary>The user exactly as Godwit's <c>GET /v1/users/{id}</c> answers it, read as the <c>user</c> an authenticate response carries.</summary>
    public static async Task<UserWire> GetAsync(GodwitHost host, string userId)
    {
        var body = await host.Client.GetStringAsync(new Uri($"v1/users/{Uri.EscapeDataString(userId)}", UriKind.Relative));
        return JsonSerializer.Deserialize(body, GodwitJsonContext.Default.UserWire) ?? throw new InvalidOperationException(body);
    }

    /// <summary>A Google subject: digits, as Google's are, unique to the test.</summary>
    public static string UniqueGoogleSubject() => "1" + string.Concat(Guid.NewGuid().ToByteArray().Take(10).Select(b => (b % 10).ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
