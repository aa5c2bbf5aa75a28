using CodeFirst.Runtime.Storage;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Runtime.Execution;

/// <summary>
/// The <see cref="ILogger"/> a task writes to: it keeps the try's lines for the store and
/// forwards them to the process's own logging.
/// </summary>
internal sealed class TaskLogBuffer(ILogger forward, TimeProvider time) : ILogger
{
    private readonly List<LogLine> _lines = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<LogLine> Lines
    {
        get
        {
            lock (_gate) return _lines.ToArray();
        }
    }

    /// <summary>How many lines there are, without copying them.</summary>
    public int Count
    {
        get
        {
            lock (_gate) return _lines.Count;
        }
    }

    /// <summary>The lines from <paramref name="start"/> on (none when there are no more).</summary>
    public IReadOnlyList<LogLine> LinesFrom(int start)
    {
        lock (_gate) return start >= _lines.Count ? [] : _lines.GetRange(start, _lines.Count - start);
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => forward.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel == LogLevel.None) return;
        var message = formatter(state, exception);
        if (exception is not null) message = $"{message}{Environment.NewLine}{exception}";
        lock (_gate) _lines.Add(new LogLine(time.GetUtcNow(), logLevel.ToString(), message));
        forward.Log(logLevel, eventId, state, exception, formatter);
    }
}
