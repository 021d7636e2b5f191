namespace Godwit.Server.Admin;

/// <summary>The headers every console answer carries.</summary>
internal static class AdminHeaders
{
    /// <summary>
    /// Nothing inline, nothing from elsewhere: an injected script or style cannot run even if a
    /// value escaped encoding. QR codes are data: images; forms post only to the console.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
    }
}
