using System.Security.Cryptography;
using System.Text;
using Godwit.Core.Errors;
using Godwit.Server.RateLimiting;

namespace Godwit.Server.Http;

/// <summary>Backend endpoints require HTTP Basic auth with <c>project_id:secret</c>.</summary>
internal sealed class ProjectAuthentication(string projectId, string secret)
{
    private static readonly object VerdictKey = new();
    private static readonly object Authorized = true;
    private static readonly object Unauthorized = false;

    private readonly byte[] expectedDigest = SHA256.HashData(Encoding.UTF8.GetBytes($"{projectId}:{secret}"));

    public string ProjectId => projectId;

    /// <summary>
    /// Whether the request carries the project's credential. Asked by the rate limiter (to choose the
    /// budget) and by the endpoint filter; the verdict is kept on the request so it is worked out once.
    /// </summary>
    public bool IsAuthorized(HttpContext context)
    {
        if (context.Items.TryGetValue(VerdictKey, out var known))
        {
            return ReferenceEquals(known, Authorized);
        }

        var verdict = IsAuthorized(context.Request);
        context.Items[VerdictKey] = verdict ? Authorized : Unauthorized;
        return verdict;
    }

    private bool IsAuthorized(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        Span<byte> decoded = stackalloc byte[512];
        if (!Convert.TryFromBase64String(header[6..].Trim(), decoded, out var length))
        {
            return false;
        }

        // Comparing digests keeps the comparison constant-time whatever the length of the input.
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(decoded[..length]), expectedDigest);
    }

    /// <summary>
    /// Puts the group behind Basic auth. Failures are counted per client address, and an address that
    /// has used up its failures is refused (429) before its credential is even looked at.
    /// </summary>
    public static RouteGroupBuilder RequireProject(RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var throttle = http.RequestServices.GetRequiredService<FailedAuthenticationThrottle>();
            if (throttle.Refusal(http) is { } refused)
            {
                return ApiResults.Error(refused);
            }

            var authentication = http.RequestServices.GetRequiredService<ProjectAuthentication>();
            if (authentication.IsAuthorized(http))
            {
                return await next(context);
            }

            // Only a presented credential is a guess at the secret; a request without one (a
            // health probe, a misconfigured client) is refused without spending the budget.
            return ApiResults.Error(http.Request.Headers.Authorization.Count == 0
                ? ErrorCatalog.UnauthorizedCredentials
                : throttle.CountFailure(http) ?? ErrorCatalog.UnauthorizedCredentials);
        });
        return group;
    }
}
