namespace Godwit.Server.Tests.Telemetry;

/// <summary>
/// Meters are found by name across the process: a scrape would also count what Godwits of other
/// test classes record at the same moment. Tests that count exactly run alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ExactCounts
{
    public const string Name = "Telemetry metrics";
}
