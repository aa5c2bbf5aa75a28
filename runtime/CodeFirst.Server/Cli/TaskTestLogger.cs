using Microsoft.Extensions.Logging;

namespace CodeFirst.Server.Cli;

/// <summary>Prints a tested task's log lines as they are written, in the format of <c>tasks logs</c>.</summary>
internal sealed class TaskTestLogger(TextWriter output) : ILogger
{
    private readonly Lock _gate = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var line = $"[{CliOutput.Format(DateTimeOffset.UtcNow)}] {logLevel.ToString().ToUpperInvariant()} {formatter(state, exception)}";
        lock (_gate)
        {
            output.WriteLine(line);
            if (exception is not null) output.WriteLine($"    {exception.GetType().Name}: {exception.Message}");
        }
    }
}
