using System.Globalization;
using System.Text;

namespace Godwit.Server.Tests.Telemetry;

/// <summary>One sample of a scrape: <c>name{label="value",…} 12.5</c>.</summary>
internal sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public string? Label(string name) => Labels.GetValueOrDefault(name);
}

/// <summary>
/// Reads Prometheus's text exposition format (version 0.0.4): comment lines, then one sample a line,
/// labels quoted with <c>\\</c>, <c>\"</c> and <c>\n</c> escapes, an optional timestamp. Strict: a
/// line it cannot read fails the test, so a malformed scrape is caught as Prometheus would catch it.
/// </summary>
internal static class PrometheusText
{
    public static IReadOnlyList<PrometheusSample> Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            samples.Add(ParseSample(trimmed));
        }

        return samples;
    }

    private static PrometheusSample ParseSample(string line)
    {
        var i = 0;
        while (i < line.Length && (char.IsAsciiLetterOrDigit(line[i]) || line[i] is '_' or ':'))
        {
            i++;
        }

        var name = line[..i];
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            throw new FormatException($"No metric name in: {line}");
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (line[i] != '}')
            {
                var start = i;
                while (char.IsAsciiLetterOrDigit(line[i]) || line[i] == '_')
                {
                    i++;
                }

                var label = line[start..i];
                Expect(line, ref i, '=');
                Expect(line, ref i, '"');
                var value = new StringBuilder();
                while (line[i] != '"')
                {
                    if (line[i] == '\\')
                    {
                        i++;
                        value.Append(line[i] switch
                        {
                            'n' => '\n',
                            '\\' => '\\',
                            '"' => '"',
                            _ => throw new FormatException($"Unknown escape \\{line[i]} in: {line}"),
                        });
                    }
                    else
                    {
                        value.Append(line[i]);
                    }

                    i++;
                }

                i++;
                if (!labels.TryAdd(label, value.ToString()))
                {
                    throw new FormatException($"Label {label} twice in: {line}");
                }

                if (line[i] == ',')
                {
                    i++;
                }
            }

            i++;
        }

        var rest = line[i..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (rest.Length is < 1 or > 2)
        {
            throw new FormatException($"No value in: {line}");
        }

        return new PrometheusSample(name, labels, ParseValue(rest[0], line));
    }

    private static double ParseValue(string text, string line) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : throw new FormatException($"Bad value in: {line}"),
    };

    private static void Expect(string line, ref int i, char expected)
    {
        if (line[i] != expected)
        {
            throw new FormatException($"Expected '{expected}' at {i} in: {line}");
        }

        i++;
    }
}
