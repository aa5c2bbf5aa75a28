using Microsoft.Extensions.Logging;

namespace CodeFirst.Tasks.Processes;

/// <summary>
/// Copies one redirected stream into the task log a line at a time, as the lines arrive, and
/// keeps the few lines a caller needs afterwards (the XCom value, an error message's context).
/// </summary>
internal sealed class OutputPump(StreamReader reader, LogLevel level, ILogger log, int tailSize)
{
    private readonly Queue<string> _tail = new(tailSize);
    private readonly Lock _gate = new();
    private string? _lastNonEmptyLine;

    public string? LastNonEmptyLine
    {
        get { lock (_gate) return _lastNonEmptyLine; }
    }

    public IReadOnlyList<string> Tail
    {
        get { lock (_gate) return [.. _tail]; }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            ProcessLog.OutputLine(log, level, line);
            lock (_gate)
            {
                if (!string.IsNullOrWhiteSpace(line)) _lastNonEmptyLine = line;
                if (tailSize == 0) continue;
                if (_tail.Count == tailSize) _tail.Dequeue();
                _tail.Enqueue(line);
            }
        }
    }
}
