using Microsoft.Extensions.Options;

namespace Godwit.Client;

/// <summary>
/// Refuses options that could never work, at startup rather than at the first login. With the
/// configuration section they were bound from (<paramref name="configurationPath"/>, such as
/// <c>Godwit</c>), each failure names its setting as configuration spells it and how to set it, in
/// one line an application can print as is.
/// </summary>
internal sealed class GodwitClientOptionsValidator(string? configurationPath = null) : IValidateOptions<GodwitClientOptions>
{
    public ValidateOptionsResult Validate(string? name, GodwitClientOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ProjectId))
        {
            failures.Add($"{Setting("ProjectId")} is required: the project id of your Godwit project{HowToSet("ProjectId")}.");
        }

        if (string.IsNullOrWhiteSpace(options.Secret))
        {
            failures.Add($"{Setting("Secret")} is required: the project's secret{HowToSet("Secret")}.");
        }

        if (options.BaseUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https")))
        {
            failures.Add($"{Setting("BaseUrl")} must be an absolute http or https URL such as http://localhost:5000, not '{url.OriginalString}'{HowToSet("BaseUrl")}.");
        }

        if (options.Timeout <= TimeSpan.Zero && options.Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            failures.Add($"{Setting("Timeout")} must be positive.");
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            failures.Add($"{Setting("MaxRetries")} must be between 0 and 10.");
        }

        if (options.RetryDelay < TimeSpan.Zero || options.MaxRetryAfter < TimeSpan.Zero || options.ClockSkew < TimeSpan.Zero)
        {
            failures.Add($"{Setting("RetryDelay")}, MaxRetryAfter and ClockSkew cannot be negative.");
        }

        if (options.JwksCacheDuration <= TimeSpan.Zero || options.JwksRefreshCooldown < TimeSpan.Zero)
        {
            failures.Add($"{Setting("JwksCacheDuration")} must be positive and JwksRefreshCooldown not negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private string Setting(string name) => configurationPath is null ? $"Godwit client: {name}" : $"{configurationPath}:{name}";

    private string HowToSet(string name) => configurationPath is null
        ? ""
        : $" (set it in appsettings.json, or as the environment variable {configurationPath.Replace(":", "__", StringComparison.Ordinal)}__{name})";
}
