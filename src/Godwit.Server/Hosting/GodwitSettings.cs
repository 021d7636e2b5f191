using Godwit.Core.Security;

namespace Godwit.Server.Hosting;

/// <summary>
/// What every Godwit process settles from configuration before it opens the database: the project,
/// its credentials and encryption keys, and the database. <c>godwit serve</c> and the commands that
/// work on stored data (<c>godwit import</c>, <c>godwit keys reseal</c>) resolve them here, so they
/// agree on keys, defaults (the data folder), what Development generates and what they refuse.
/// </summary>
public sealed record GodwitSettings(ProjectOptions Project, DatabaseOptions Database, ResolvedProject Resolved, EncryptionKeyRing Keys)
{
    /// <summary>Throws <see cref="ConfigurationProblemException"/> naming the setting to fix.</summary>
    public static GodwitSettings Resolve(IConfiguration configuration, IHostEnvironment environment)
    {
        var project = configuration.GetSection("Godwit").Get<ProjectOptions>() ?? new ProjectOptions();
        var database = configuration.GetSection("Godwit:Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        // Fixed once, against the folder the process started in, so every file under it has one path
        // and every message naming one gives it in full.
        project.DataFolder = Path.GetFullPath(project.DataFolder);
        using var startupLogs = LoggerFactory.Create(logging => logging.AddConsole());
        var startupLog = startupLogs.CreateLogger("Godwit");
        var developmentFile = new DevelopmentProjectFile(project.DataFolder);
        var (projectId, secret) = ProjectCredentials.Resolve(project, environment, developmentFile, startupLog);
        var encryption = EncryptionKeySettings.Resolve(configuration, environment, secret, developmentFile, startupLog);
        return new GodwitSettings(project, database, new ResolvedProject(projectId, secret, project.Issuer), encryption);
    }

    /// <summary>Registers the configured database and its stores; returns what prepares its schema before first use.</summary>
    public Func<IServiceProvider, CancellationToken, Task> AddDatabase(IServiceCollection services) => services.AddGodwitDatabase(Database, Project);

    /// <summary>
    /// EF Core logs every SQL statement at Information. A unique-index violation is an expected
    /// answer (duplicate_email, ...), which EF would log with a stack trace; unexpected save failures
    /// still reach the caller.
    /// </summary>
    public static void QuietDatabaseLogs(ILoggingBuilder logging)
    {
        logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        logging.AddFilter("Microsoft.EntityFrameworkCore.Update", LogLevel.None);
    }
}
