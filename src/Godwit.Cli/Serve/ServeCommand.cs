using System.CommandLine;
using Godwit.Cli.CommandLine;
using Godwit.Server;
using Godwit.Server.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Godwit.Cli.Serve;

/// <summary><c>godwit serve</c>: the HTTP server; every other token on its line is ASP.NET Core configuration.</summary>
internal static class ServeCommand
{
    public const string Usage = """
        Usage: godwit serve [configuration]

        Runs the HTTP server. Everything after serve is ASP.NET Core configuration, for example
          godwit serve --urls http://127.0.0.1:5000 --Godwit:Database:Provider postgres \
                       --Godwit:Database:ConnectionString "Host=...;Database=godwit"
        as are appsettings.json (in the current folder) and environment variables (Godwit__ProjectId,
        ASPNETCORE_URLS, ...); docs/configuration.md lists the settings. Outside Development,
        Godwit:ProjectId, Godwit:Secret and Godwit:EncryptionKeys are required; a setting Godwit cannot
        start with is named on one line and the command exits with 1.
        """;

    /// <summary>The category under which the host logs a failed start, with the stack trace the command line prints as one line instead.</summary>
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    public static Command Create()
    {
        var command = new GodwitCommand("serve", "Run the HTTP server.", Usage, takesConfiguration: true);
        command.SetAction((parsed, cancellationToken) => RunAsync([.. parsed.UnmatchedTokens], cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string[] configuration, CancellationToken cancellationToken)
    {
        var started = false;
        await using var app = GodwitApp.Build(configuration, builder =>
            builder.Logging.AddFilter((_, category, level) => started || level < LogLevel.Error || category != HostCategory));
        CheckUrls(app.Configuration);
        // Options marked ValidateOnStart are checked here, before the database is touched and before
        // the host would log a failure with its stack trace.
        app.Services.GetService<IStartupValidator>()?.Validate();
        await GodwitApp.PrepareAsync(app, cancellationToken);
        app.Lifetime.ApplicationStarted.Register(() => started = true);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException bind)
        {
            throw new ConfigurationProblemException($"Cannot listen where urls (--urls, ASPNETCORE_URLS) says: {bind.Message}");
        }

        await app.WaitForShutdownAsync(CancellationToken.None);
        return ExitCodes.Done;
    }

    /// <summary>Kestrel would refuse a malformed address only once starting, with a stack trace.</summary>
    private static void CheckUrls(IConfiguration configuration)
    {
        foreach (var url in (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                BindingAddress.Parse(url);
            }
            catch (FormatException)
            {
                throw new ConfigurationProblemException(
                    $"urls has '{url}', which is not an address to listen on: give --urls http://127.0.0.1:5000 (or ASPNETCORE_URLS), several separated by ';'.");
            }
        }
    }
}
