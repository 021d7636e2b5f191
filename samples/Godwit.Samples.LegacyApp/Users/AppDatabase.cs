using Microsoft.EntityFrameworkCore;

namespace LegacyApp.Users;

/// <summary>Brings the application's database up to date and, when it is new, fills it with the members it had before Godwit.</summary>
internal static class AppDatabase
{
    public static async Task PrepareAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (Path.GetDirectoryName(db.Database.GetDbConnection().DataSource) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        var isNew = !(await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Any();
        await db.Database.MigrateAsync(cancellationToken);
        if (isNew)
        {
            db.Users.AddRange(LegacyMembers());
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>The members the application already had: none of them holds a Godwit user id.</summary>
    private static IEnumerable<AppUser> LegacyMembers() =>
    [
        Member("ada.lovelace@example.com", "Ada Lovelace", new DateTime(2014, 3, 2, 9, 15, 0, DateTimeKind.Utc)),
        Member("grace.hopper@example.com", "Grace Hopper", new DateTime(2015, 7, 19, 14, 2, 0, DateTimeKind.Utc)),
        Member("alan.turing@example.com", "Alan Turing", new DateTime(2016, 11, 5, 18, 40, 0, DateTimeKind.Utc)),
        Member("katherine.johnson@example.com", "Katherine Johnson", new DateTime(2018, 1, 23, 7, 55, 0, DateTimeKind.Utc)),
        Member("edsger.dijkstra@example.com", "Edsger Dijkstra", new DateTime(2019, 9, 30, 12, 0, 0, DateTimeKind.Utc)),
    ];

    private static AppUser Member(string email, string displayName, DateTime memberSince) =>
        new() { Email = email, DisplayName = displayName, MemberSince = memberSince };
}
