using System.Globalization;
using System.Net;
using System.Text.Json;
using Godwit.Storage;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Server.Tests.Users;

/// <summary>Creates users over the API and, where no endpoint exists yet, adjusts them in the database.</summary>
internal static class TestUsers
{
    /// <summary>A domain no other test uses, so a fuzzy search on it sees only this test's users.</summary>
    public static string UniqueDomain() => $"d{Guid.NewGuid():N}.example.com";

    /// <summary>Seven random digits, for phone numbers written in any layout around the same number.</summary>
    public static string RandomSubscriber() => Random.Shared.Next(1_000_000, 10_000_000).ToString(CultureInfo.InvariantCulture);

    public static async Task<JsonElement> CreateAsync(HttpClient client, object body)
    {
        var created = await client.PostAsync("/v1/users", body);
        Assert.True(created.Status == HttpStatusCode.OK, created.ToString());
        return created.Body;
    }

    public static async Task<string> CreateIdAsync(HttpClient client, object body) =>
        (await CreateAsync(client, body)).GetProperty("user_id").GetString()!;

    /// <summary>
    /// Marks every email and phone of a user verified. In production only a magic link or a passcode
    /// verifies an address; those endpoints are not part of these tests, so the flag is set in the
    /// database directly, through the host's own DbContext.
    /// </summary>
    public static async Task MarkAddressesVerifiedAsync(GodwitHost host, string userId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GodwitDbContext>();
        await db.UserEmails.Where(e => e.UserId == userId).ExecuteUpdateAsync(set => set.SetProperty(e => e.Verified, true));
        await db.UserPhones.Where(p => p.UserId == userId).ExecuteUpdateAsync(set => set.SetProperty(p => p.Verified, true));
    }

    public static async Task<int> CountEmailRowsAsync(GodwitHost host, string address)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GodwitDbContext>().UserEmails.CountAsync(e => e.Address == address);
    }

    public static async Task<int> CountPhoneRowsAsync(GodwitHost host, string e164)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GodwitDbContext>().UserPhones.CountAsync(p => p.Number == e164);
    }

    public static async Task<int> CountUsersWithExternalIdAsync(GodwitHost host, string externalId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GodwitDbContext>().Users.CountAsync(u => u.ExternalId == externalId);
    }

    /// <summary>Every user whose email contains the fragment, as the search API returns them (one page of up to 1000).</summary>
    public static async Task<List<string>> UserIdsWithEmailContainingAsync(HttpClient client, string fragment)
    {
        var found = await client.PostAsync("/v1/users/search", new
        {
            limit = 1000,
            query = new { @operator = "AND", operands = new object[] { new { filter_name = "email_address_fuzzy", filter_value = fragment } } },
        });
        Assert.True(found.Status == HttpStatusCode.OK, found.ToString());
        return UserIds(found.Body);
    }

    public static List<string> UserIds(JsonElement searchBody) =>
        searchBody.GetProperty("results").EnumerateArray().Select(u => u.GetProperty("user_id").GetString()!).ToList();

    public static string[] Addresses(JsonElement user, string list, string field) =>
        user.GetProperty(list).EnumerateArray().Select(e => e.GetProperty(field).GetString()!).ToArray();
}
