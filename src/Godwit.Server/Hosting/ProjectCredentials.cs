using System.Security.Cryptography;
using Godwit.Core.Security;

namespace Godwit.Server.Hosting;

/// <summary>
/// Resolves the project id and API secret. Production must configure both; Development generates
/// them once and keeps them in the data folder so a newcomer needs no setup and restarts keep working.
/// </summary>
internal static partial class ProjectCredentials
{
    /// <summary>What a guessing attacker faces: 32 characters of a generated secret are far beyond reach.</summary>
    public const int MinSecretLength = 32;

    public static (string ProjectId, string Secret) Resolve(ProjectOptions options, IHostEnvironment environment, DevelopmentProjectFile file, ILogger logger)
    {
        if (!string.IsNullOrWhiteSpace(options.ProjectId) && !string.IsNullOrWhiteSpace(options.Secret))
        {
            if (options.Secret.Length < MinSecretLength && !environment.IsDevelopment())
            {
                throw new ConfigurationProblemException(
                    $"Godwit:Secret must be at least {MinSecretLength} characters outside Development; generate one with `openssl rand -base64 32`.");
            }

            return (options.ProjectId, options.Secret);
        }

        if (!environment.IsDevelopment())
        {
            throw new ConfigurationProblemException(
                "Godwit:ProjectId and Godwit:Secret must both be set outside Development (for example with the environment variables Godwit__ProjectId and Godwit__Secret).");
        }

        if (file.Read("project_id") is { } id && file.Read("secret") is { } stored)
        {
            LogDevelopmentProject(logger, id, file.Path);
            return (id, stored);
        }

        // Only Development gets here, so the credentials carry Stytch's test-environment prefix.
        var projectId = "project-test-" + Guid.NewGuid().ToString("D");
        var secret = "secret-test-" + SecretTokens.Base64Url(RandomNumberGenerator.GetBytes(30));
        file.Write(new Dictionary<string, string> { ["project_id"] = projectId, ["secret"] = secret });

        // Printed once, at creation, so the developer can copy it; never logged again.
        Console.WriteLine($"Created a development project.\n  project_id: {projectId}\n  secret:     {secret}\n  (kept in {file.Path})");
        return (projectId, secret);
    }

    // The secret itself is never logged: only where to find it.
    [LoggerMessage(Level = LogLevel.Information, Message = "Development project {ProjectId}; its secret is in {File}.")]
    private static partial void LogDevelopmentProject(ILogger logger, string projectId, string file);
}
