using System.Collections.Concurrent;
using System.Diagnostics;
using Godwit.Migration.Backfill;
using Godwit.Testing.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Godwit.Migration.Tests.Support;

/// <summary>
/// An application's services for backfills and dual writes against a real Godwit, with every API call
/// it makes timed. Its users get ids from a range of their own: the external_id is the application's
/// id, and the tests of a class share one Godwit project.
/// </summary>
public sealed class BackfillApp : IDisposable
{
    private readonly ConcurrentQueue<(TimeSpan At, string Request)> calls = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();
    // Downwards from a random point: SQLite numbers the users the application adds itself (sign-ups) upwards from the largest id.
    private int nextId = Random.Shared.Next(100_000, 200_000) * 10_000;

    public BackfillApp(AppDatabase database, GodwitHost godwit)
    {
        Database = database;
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddDbContext<AppDb>(database.Configure);
        services.AddGodwitClient(options =>
        {
            options.BaseUrl = godwit.BaseUrl;
            options.ProjectId = godwit.ProjectId;
            options.Secret = godwit.Secret;
        }).AddHttpMessageHandler(() => new CallTimer(this));
        services.AddGodwitMigration<AppUser>().UseEntityFrameworkCore<AppUser, AppDb>(AppDatabase.Map);
        Services = services.BuildServiceProvider();
    }

    public AppDatabase Database { get; }

    public ServiceProvider Services { get; }

    /// <summary>When each API call left, since this app was made, and what it was.</summary>
    public IReadOnlyList<(TimeSpan At, string Request)> Calls => [.. calls];

    /// <summary>Application users with the given addresses (null: none), not linked, with fresh ids.</summary>
    public async Task<List<AppUser>> AddUsersAsync(IEnumerable<(string? Email, string? Phone)> people)
    {
        await using var db = Database.NewContext();
        var users = people.Select(p => new AppUser { Id = Interlocked.Decrement(ref nextId), Email = p.Email, Phone = p.Phone, DisplayName = "legacy" }).ToList();
        db.Users.AddRange(users);
        await db.SaveChangesAsync();
        return users;
    }

    public Task<BackfillResult> BackfillAsync(BackfillOptions? options = null, IProgress<BackfillProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Services.GetRequiredService<MigrationBackfill<AppUser>>().RunAsync(options, progress, cancellationToken);

    public async Task<List<AppUser>> UsersAsync(IEnumerable<AppUser> users)
    {
        var ids = users.Select(u => u.Id).ToList();
        await using var db = Database.NewContext();
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).OrderBy(u => u.Id).ToListAsync();
    }

    public void Dispose() => Services.Dispose();

    private sealed class CallTimer(BackfillApp app) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            app.calls.Enqueue((app.clock.Elapsed, $"{request.Method} {request.RequestUri!.AbsolutePath}"));
            return base.SendAsync(request, cancellationToken);
        }
    }
}
