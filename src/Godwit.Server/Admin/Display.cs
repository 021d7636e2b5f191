using System.Globalization;

namespace Godwit.Server.Admin;

/// <summary>How the console writes times and counts: UTC, one format everywhere, so screenshots and tests agree.</summary>
internal static class Display
{
    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Time(DateTime? utc) => utc is { } value ? Time(value) : "—";

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Percent(long part, long whole) =>
        whole == 0 ? "—" : (100.0 * part / whole).ToString("0.#", CultureInfo.InvariantCulture) + " %";
}
