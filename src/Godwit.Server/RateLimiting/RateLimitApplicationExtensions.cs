namespace Godwit.Server.RateLimiting;

internal static class RateLimitApplicationExtensions
{
    /// <summary>
    /// Adds the rate limiter to the pipeline, after the error middleware so a refusal carries a
    /// request id. With the limits off it is left out, and costs nothing.
    /// </summary>
    public static WebApplication UseGodwitRateLimits(this WebApplication app)
    {
        if (app.Services.GetRequiredService<RateLimitOptions>().Enabled)
        {
            app.UseRateLimiter();
        }

        return app;
    }
}
