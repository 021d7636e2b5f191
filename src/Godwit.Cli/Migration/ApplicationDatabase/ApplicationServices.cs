using Godwit.Contracts.Users;
using Godwit.Migration.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Console;

namespace Godwit.Cli.Migration.ApplicationDatabase;

/// <summary>Where Godwit's API is, for the commands that call it.</summary>
internal sealed record GodwitApi(Uri? Url, string ProjectId, string Secret);

/// <summary>A command's work, typed by the key of the application's users table.</summary>
internal interface IApplicationWork
{
    Task<int> RunAsync<TKey>(IServiceProvider services, CancellationToken cancellationToken)
        where TKey : notnull;
}

/// <summary>
/// The services an application registers for the migration (its DbContext, the Godwit client, the
/// migration library over an EF Core store), built over the table <see cref="ApplicationTable"/>
/// describes, so the commands call the same library code an application does.
/// </summary>
internal static class ApplicationServices
{
    public static async Task<int> RunAsync(ApplicationTable table, GodwitApi? api, bool needEvents, IApplicationWork work, CancellationToken cancellationToken)
    {
        var key = await TableInspector.InspectAsync(table, needEvents, cancellationToken);
        return key switch
        {
            KeyKind.Integer => await RunAsync<long>(table, api, work, cancellationToken),
            KeyKind.Uuid => await RunAsync<Guid>(table, api, work, cancellationToken),
            _ => await RunAsync<string>(table, api, work, cancellationToken),
        };
    }

    private static async Task<int> RunAsync<TKey>(ApplicationTable table, GodwitApi? api, IApplicationWork work, CancellationToken cancellationToken)
        where TKey : notnull
    {
        var services = new ServiceCollection();
        // Warnings and errors to stderr, apart from the tables and JSON on stdout.
        services.AddLogging(logging => logging
            .AddSimpleConsole(options => options.ColorBehavior = LoggerColorBehavior.Disabled)
            .AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Critical)
            .SetMinimumLevel(LogLevel.Warning));
        services.Configure<ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        services.AddSingleton(table);
        services.AddDbContext<ApplicationDb<TKey>>(options =>
        {
            if (table.IsPostgres)
            {
                options.UseNpgsql(table.ConnectionString);
            }
            else
            {
                options.UseSqlite(table.ConnectionString);
            }

            options.ReplaceService<IModelCacheKeyFactory, ApplicationModelCacheKey>();
        });
        if (api is not null)
        {
            services.AddGodwitClient(options =>
            {
                options.BaseUrl = api.Url;
                options.ProjectId = api.ProjectId;
                options.Secret = api.Secret;
            });
        }

        services.AddGodwitMigration<ApplicationUserRow<TKey>>().UseEntityFrameworkCore<ApplicationUserRow<TKey>, ApplicationDb<TKey>>(Map<TKey>);
        await using var provider = services.BuildServiceProvider();
        return await work.RunAsync<TKey>(provider, cancellationToken);
    }

    private static void Map<TKey>(EfUserMapping<ApplicationUserRow<TKey>> users)
        where TKey : notnull
    {
        // Email and PhoneNumber, the step's lookups, stay unset: the commands never run the step.
        users.GodwitUserId = u => u.GodwitUserId;
        users.CreateUser = _ => throw new InvalidOperationException("The command line links existing users; it never creates application users.");
        users.NewGodwitUser = u => new CreateUserRequest { Email = Text(u.Email), PhoneNumber = Text(u.PhoneNumber), Name = Name(u) };
    }

    private static NameWire? Name<TKey>(ApplicationUserRow<TKey> user)
        where TKey : notnull
    {
        var (first, last) = (Text(user.FirstName), Text(user.LastName));
        if (first is null && last is null && Text(user.FullName) is { } full)
        {
            // As the import splits a full name: the first word, and the rest.
            var space = full.IndexOfAny([' ', '\t']);
            (first, last) = space < 0 ? (full, null) : (full[..space], full[space..].Trim());
        }

        return first is null && last is null ? null : new NameWire(first ?? "", "", last ?? "");
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
