using Microsoft.Extensions.Options;

namespace LegacyApp;

/// <summary>
/// Checks that the Godwit server's URL is set (without it the client would call Stytch), then every validated setting (the Godwit client's and the login's) the way the host would at
/// start, and turns a refusal into the one line the library wrote for it, which names the setting
/// and how to set it.
/// </summary>
internal static class StartupSettings
{
    public static string? Problem(WebApplication app)
    {
        if (string.IsNullOrWhiteSpace(app.Configuration["Godwit:BaseUrl"]))
        {
            return "Godwit:BaseUrl is not set: the URL of your Godwit server, such as http://localhost:5000 (set it in appsettings.json, or as the environment variable Godwit__BaseUrl).";
        }

        try
        {
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            return null;
        }
        catch (OptionsValidationException refused)
        {
            return string.Join(" ", refused.Failures);
        }
        catch (AggregateException refused) when (refused.InnerExceptions.All(e => e is OptionsValidationException))
        {
            return string.Join(" ", refused.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures));
        }
        catch (InvalidOperationException unreadable) when (unreadable.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        {
            // A value the configuration binder cannot even read, such as a BaseUrl of "http://"; its message names the setting.
            return $"{unreadable.Message} Check that setting in appsettings.json, the environment or the command line.";
        }
    }
}
