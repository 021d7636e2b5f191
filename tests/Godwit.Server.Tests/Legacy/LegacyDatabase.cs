using Godwit.Storage;
using Godwit.Testing.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Server.Tests.Legacy;

/// <summary>What a test cannot see through the API: how many users hold an email, and the stored hash.</summary>
internal static class LegacyDatabase
{
    public static async Task<int> UsersWithEmailAsync(GodwitHost host, string email)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GodwitDbContext>().UserEmails.AsNoTracking()
            .CountAsync(e => e.Address == email, TestContext.Current.CancellationToken);
    }

    public static async Task<string?> StoredHashAsync(GodwitHost host, string userId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GodwitDbContext>().UserPasswords.AsNoTracking()
            .Where(p => p.UserId == userId).Select(p => p.Hash).SingleOrDefaultAsync(TestContext.Current.CancellationToken);
    }
}
