using Godwit.Migration.Tests.Support;
using Godwit.Testing.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Godwit.Cli.Tests.Migration;

/// <summary>The command-line options that point godwit at a test application's database and at a test Godwit.</summary>
internal static class ApplicationArguments
{
    /// <summary>The tests' <c>app_users</c> table, as EF Core named its columns.</summary>
    public static string[] For(AppDatabase database)
    {
        using var db = database.NewContext();
        var postgres = db.Database.ProviderName!.Contains("Npgsql", StringComparison.Ordinal);
        return
        [
            "--app-database", postgres ? "postgres" : "sqlite", "--app-connection", db.Database.GetConnectionString()!,
            "--users-table", "app_users", "--id-column", "Id", "--godwit-id-column", "GodwitUserId",
            "--email-column", "Email", "--phone-column", "Phone", "--name-column", "DisplayName",
        ];
    }

    public static string[] Godwit(GodwitHost host) =>
        ["--url", host.BaseUrl.ToString(), "--project-id", host.ProjectId, "--secret", host.Secret];
}
