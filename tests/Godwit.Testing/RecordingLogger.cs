using Microsoft.Extensions.Logging;

namespace Godwit.Testing;

/// <summary>A logger that keeps every entry, so tests can check what a failure logs and what it must not.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly Lock gate = new();
    private readonly List<LogEntry> entries = [];

    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (gate)
            {
                return [.. entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var entry = new LogEntry(logLevel, formatter(state, exception), exception);
        lock (gate)
        {
            entries.Add(entry);
        }
    }
}

/// <summary>One recorded log call: its level, the rendered message and the exception it carried.</summary>
public sealed record LogEntry(LogLevel Level, string Message, Exception? Exception)
{
    /// <summary>The message and the whole exception chain as a log sink would write them.</summary>
    public override string ToString() => Exception is null ? Message : $"{Message}\n{Exception}";
}
