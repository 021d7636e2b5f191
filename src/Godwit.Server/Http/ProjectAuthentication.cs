using System.Security.Cryptography;
using System.Text;
using Godwit.Core.Errors;

namespace Godwit.Server.Http;

/// <summary>Backend endpoints require HTTP Basic auth with <c>project_id:secret</c>.</summary>
internal sealed class ProjectAuthentication(string projectId, string secret)
{
    private readonly byte[] expectedDigest = SHA256.HashData(Encoding.UTF8.GetBytes($"{projectId}:{secret}"));

    public bool IsAuthorized(HttpRequest request)
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

    public static RouteGroupBuilder RequireProject(RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var authentication = context.HttpContext.RequestServices.GetRequiredService<ProjectAuthentication>();
            return authentication.IsAuthorized(context.HttpContext.Request)
                ? await next(context)
                : ApiResults.Error(ErrorCatalog.UnauthorizedCredentials);
        });
        return group;
    }
}
