namespace Godwit.Client;

/// <summary>Where the API is and how to authenticate to it; validated when the application starts.</summary>
public sealed class GodwitClientOptions
{
    /// <summary>Stytch's live environment, the default for <c>project-live-</c> ids.</summary>
    public static readonly Uri StytchLiveUrl = new("https://api.stytch.com/");

    /// <summary>Stytch's test environment, the default for <c>project-test-</c> ids.</summary>
    public static readonly Uri StytchTestUrl = new("https://test.stytch.com/");

    /// <summary>The project id, sent as the Basic-auth user name and naming the JWKS.</summary>
    public string ProjectId { get; set; } = "";

    /// <summary>The project secret, sent as the Basic-auth password.</summary>
    public string Secret { get; set; } = "";

    /// <summary>
    /// A Godwit server's public URL, or one of Stytch's. When null, the project id decides between
    /// <see cref="StytchTestUrl"/> and <see cref="StytchLiveUrl"/>, as Stytch's own SDKs do.
    /// </summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The longest a call may take, retries and their waits included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a call is retried (see <c>docs/migration.md</c> for which calls); 0 turns retries off.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first wait of the exponential backoff used when the answer names no Retry-After.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The longest Retry-After the client waits out. A longer one (a locked user's hour, a send
    /// limit's minute) is surfaced at once as a <see cref="GodwitApiException"/> carrying it.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long fetched signing keys are trusted before they are fetched again.</summary>
    public TimeSpan JwksCacheDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The least time between two fetches caused by JWTs naming a key id the cache lacks, so forged
    /// tokens cannot turn every request into a JWKS fetch.
    /// </summary>
    public TimeSpan JwksRefreshCooldown { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The <c>iss</c> of the project's session JWTs when it is not the base URL: a Godwit reached at
    /// an internal address while its <c>Godwit:PublicUrl</c> is public. JWTs with
    /// <c>stytch.com/{project_id}</c> or the base URL are accepted either way.
    /// </summary>
    public string? JwtIssuer { get; set; }

    /// <summary>Tolerance when comparing a JWT's times with the clock. Stytch's SDKs default to none.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.Zero;

    /// <summary>The URL calls go to: <see cref="BaseUrl"/> or the Stytch environment of the project id.</summary>
    public Uri ResolvedBaseUrl
    {
        get
        {
            var url = BaseUrl ?? (ProjectId.StartsWith("project-test-", StringComparison.Ordinal) ? StytchTestUrl : StytchLiveUrl);
            // Request paths are relative, so a base URL with a path (https://example.com/godwit) needs
            // its trailing slash to keep that path.
            return url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
        }
    }
}
