using System.Globalization;
using Godwit.Server.Admin.Overview;

namespace Godwit.Server.Admin.Shared;

/// <summary>One bar of a stacked daily chart: where it sits in the SVG and which series it shows.</summary>
internal sealed record Bar(string X, string Y, string Width, string Height, int SeriesIndex, string Label);

/// <summary>
/// A stacked bar chart of daily counts, drawn on the server as SVG (no script, no inline style:
/// colours are classes of admin.css), with the same numbers as a table for screen readers.
/// </summary>
internal sealed class BarChart
{
    public const int Width = 720;
    public const int Height = 200;
    private const int Left = 40;
    private const int Bottom = 20;

    public BarChart(string id, string title, IReadOnlyList<string> days, IReadOnlyList<DailyCount> counts)
    {
        Id = id;
        Title = title;
        Days = days;
        Series = [.. counts.Select(c => c.Series).Distinct().Order(StringComparer.Ordinal)];
        Values = Series.Select(series => days.Select(day => counts.Where(c => c.Day == day && c.Series == series).Sum(c => c.Count)).ToArray()).ToList();
        Max = days.Select((_, i) => Values.Sum(v => v[i])).DefaultIfEmpty(0).Max();
        Bars = Layout();
    }

    public string Id { get; }

    public string Title { get; }

    public IReadOnlyList<string> Days { get; }

    public IReadOnlyList<string> Series { get; }

    /// <summary>Per series, per day.</summary>
    public IReadOnlyList<long[]> Values { get; }

    public long Max { get; }

    public IReadOnlyList<Bar> Bars { get; }

    public long Total => Values.Sum(v => v.Sum());

    public const string ViewBox = "0 0 720 200";

    public static string PlotBottom => N(Height - Bottom);

    public static string PlotLeft => N(Left);

    public static string PlotRight => N(Width);

    public string Describe() =>
        Total == 0
            ? $"{Title}: nothing in the last {Days.Count} days."
            : $"{Title}: {Display.Count(Total)} in the last {Days.Count} days, at most {Display.Count(Max)} a day. The table below has each day's numbers.";

    private List<Bar> Layout()
    {
        var bars = new List<Bar>();
        if (Max == 0)
        {
            return bars;
        }

        var plotHeight = Height - Bottom - 10.0;
        var slot = (Width - Left) / (double)Days.Count;
        for (var day = 0; day < Days.Count; day++)
        {
            var top = (double)(Height - Bottom);
            for (var series = 0; series < Series.Count; series++)
            {
                var value = Values[series][day];
                if (value == 0)
                {
                    continue;
                }

                var height = value * plotHeight / Max;
                top -= height;
                bars.Add(new Bar(N(Left + day * slot + slot * 0.15), N(top), N(slot * 0.7), N(height), series % 6, $"{Days[day]}, {Series[series]}: {Display.Count(value)}"));
            }
        }

        return bars;
    }

    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
