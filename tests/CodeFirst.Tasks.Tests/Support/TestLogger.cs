using Microsoft.Extensions.Logging;

namespace CodeFirst.Tasks.Tests;

/// <summary>Records every entry in order and lets a test wait for one without sleeping.</summary>
internal sealed class TestLogger : ILogger
{
    private readonly Lock _gate = new();
    private readonly List<LogEntry> _entries = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<LogEntry> Entries
    {
        get { lock (_gate) return [.. _entries]; }
    }

    /// <summary>The messages of the entries a process wrote (event 3), in order.</summary>
    public IReadOnlyList<LogEntry> OutputLines => [.. Entries.Where(e => e.EventId == 3)];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _entries.Add(new LogEntry(logLevel, formatter(state, exception), eventId.Id));
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.SetResult();
    }

    public async Task<LogEntry> WaitForAsync(Func<LogEntry, bool> match, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_entries.FirstOrDefault(match) is { } found) return found;
                changed = _changed.Task;
            }
            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No matching log entry within {timeout}. Log:{Environment.NewLine}{string.Join(Environment.NewLine, Entries.Select(e => e.Message))}");
            }
        }
    }
}
