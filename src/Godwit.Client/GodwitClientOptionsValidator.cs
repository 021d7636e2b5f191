using Microsoft.Extensions.Options;

namespace Godwit.Client;

/// <summary>Refuses options that could never work, at startup rather than at the first login.</summary>
internal sealed class GodwitClientOptionsValidator : IValidateOptions<GodwitClientOptions>
{
    public ValidateOptionsResult Validate(string? name, GodwitClientOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ProjectId))
        {
            failures.Add("Godwit client: ProjectId is required.");
        }

        if (string.IsNullOrWhiteSpace(options.Secret))
        {
            failures.Add("Godwit client: Secret is required.");
        }

        if (options.BaseUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https")))
        {
            failures.Add("Godwit client: BaseUrl must be an absolute http or https URL.");
        }

        if (options.Timeout <= TimeSpan.Zero && options.Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            failures.Add("Godwit client: Timeout must be positive.");
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            failures.Add("Godwit client: MaxRetries must be between 0 and 10.");
        }

        if (options.RetryDelay < TimeSpan.Zero || options.MaxRetryAfter < TimeSpan.Zero || options.ClockSkew < TimeSpan.Zero)
        {
            failures.Add("Godwit client: RetryDelay, MaxRetryAfter and ClockSkew cannot be negative.");
        }

        if (options.JwksCacheDuration <= TimeSpan.Zero || options.JwksRefreshCooldown < TimeSpan.Zero)
        {
            failures.Add("Godwit client: JwksCacheDuration must be positive and JwksRefreshCooldown not negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
