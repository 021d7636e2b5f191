namespace Godwit.Core.Events;

/// <summary>The event log's settings, bound from <c>Godwit:Events</c>.</summary>
public sealed class EventOptions
{
    public const string SectionName = "Godwit:Events";

    /// <summary>How many days an event is kept; older ones are deleted by the pruner.</summary>
    public int RetentionDays { get; set; } = 90;

    public TimeSpan Retention => TimeSpan.FromDays(RetentionDays);

    /// <summary>The first configuration mistake, or null when the options are usable.</summary>
    public string? Problem() =>
        RetentionDays is < 1 or > 3650 ? $"{SectionName}:RetentionDays must be between 1 and 3650." : null;
}
