using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Godwit.Core.Security;

namespace Godwit.Server.Hosting;

/// <summary>
/// Resolves the project id and secret. Production must configure both; Development generates them
/// once and keeps them in the data folder so a newcomer needs no setup and restarts keep working.
/// </summary>
internal static class ProjectCredentials
{
    public static (string ProjectId, string Secret) Resolve(ProjectOptions options, IHostEnvironment environment, ILogger logger)
    {
        if (!string.IsNullOrWhiteSpace(options.ProjectId) && !string.IsNullOrWhiteSpace(options.Secret))
        {
            return (options.ProjectId, options.Secret);
        }

        if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                "Godwit:ProjectId and Godwit:Secret must both be set outside Development (for example with the environment variables Godwit__ProjectId and Godwit__Secret).");
        }

        var file = Path.Combine(options.DataFolder, "project.json");
        if (File.Exists(file))
        {
            var stored = JsonNode.Parse(File.ReadAllText(file))!;
            var id = stored["project_id"]!.GetValue<string>();
            logger.LogInformation("Development project {ProjectId}; its secret is in {File}.", id, Path.GetFullPath(file));
            return (id, stored["secret"]!.GetValue<string>());
        }

        Directory.CreateDirectory(options.DataFolder);
        var projectId = "project-live-" + Guid.NewGuid().ToString("D");
        var secret = "secret-live-" + SecretTokens.Base64Url(RandomNumberGenerator.GetBytes(30));
        File.WriteAllText(file, new JsonObject { ["project_id"] = projectId, ["secret"] = secret }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        // Printed once, at creation, so the developer can copy it; never logged again.
        Console.WriteLine($"Created a development project.\n  project_id: {projectId}\n  secret:     {secret}\n  (kept in {Path.GetFullPath(file)})");
        return (projectId, secret);
    }
}
