using System.Text.RegularExpressions;
using Godwit.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Godwit.Cli.CommandLine;

/// <summary>
/// Turns a configuration failure, wherever it surfaced (Godwit's own checks, options validated at
/// start or when first used, a value the binder cannot convert), into one line naming the setting
/// and where to set it. Anything else is a bug and keeps its stack trace.
/// </summary>
internal static partial class ConfigurationFailure
{
    public static string? Describe(Exception exception)
    {
        var line = exception switch
        {
            ConfigurationProblemException problem => problem.Message,
            OptionsValidationException invalid => WithWhereToSet(string.Join(" ", invalid.Failures.Distinct(StringComparer.Ordinal))),
            InvalidOperationException conversion when ConversionFailure().Match(conversion.Message) is { Success: true } match =>
                WithWhereToSet($"{match.Groups["path"].Value} must be a {Friendly(match.Groups["type"].Value)}, not '{match.Groups["value"].Value}'."),
            AggregateException aggregate => aggregate.InnerExceptions.Select(Describe).FirstOrDefault(d => d is not null),
            { InnerException: { } inner } => Describe(inner),
            _ => null,
        };
        return line?.ReplaceLineEndings(" ");
    }

    /// <summary>Adds where the named setting goes, unless the message already says.</summary>
    private static string WithWhereToSet(string message)
    {
        if (message.Contains("environment variable", StringComparison.Ordinal) || SettingPath().Match(message) is not { Success: true } setting)
        {
            return message;
        }

        var path = setting.Value.TrimEnd(':');
        return $"{message} Set {path} in appsettings.json, as the environment variable {path.Replace(":", "__", StringComparison.Ordinal)} or as --{path}=<value>.";
    }

    private static string Friendly(string type) => type switch
    {
        "System.Int32" or "System.Int64" => "whole number",
        "System.Double" or "System.Decimal" => "number",
        "System.Boolean" => "true or false",
        "System.TimeSpan" => "time span (hh:mm:ss)",
        "System.Uri" => "URL",
        _ => type[(type.LastIndexOf('.') + 1)..],
    };

    [GeneratedRegex("^Failed to convert configuration value '(?<value>.*)' at '(?<path>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex ConversionFailure();

    [GeneratedRegex(@"\bGodwit(:[A-Za-z0-9_]+)+")]
    private static partial Regex SettingPath();
}
