using Godwit.Core.Users;

namespace Godwit.Server.Hosting;

/// <summary>
/// Development mints ids as Stytch's test environment does (<c>user-test-…</c>), every other
/// environment as its live one (<c>user-live-…</c>): the one place the host's environment chooses
/// <see cref="PrefixedId"/>'s form.
/// </summary>
internal static class IdEnvironment
{
    /// <summary>
    /// For the flow that builds the host: its startup work (signing keys) and the background
    /// services it starts inherit the setting.
    /// </summary>
    public static void ApplyTo(IHostEnvironment environment) => PrefixedId.InTestEnvironment = environment.IsDevelopment();

    /// <summary>For each request: Kestrel runs requests outside the flow that started the server.</summary>
    public static WebApplication UseIdEnvironment(this WebApplication app)
    {
        var test = app.Environment.IsDevelopment();
        app.Use(async (context, next) =>
        {
            PrefixedId.InTestEnvironment = test;
            await next(context);
        });
        return app;
    }
}
