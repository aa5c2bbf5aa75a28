using System.Text;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Tasks.Processes;

/// <summary>What to start and how to watch it; the one shape Shell and SparkSubmit both reduce to.</summary>
internal sealed record ProcessSpec
{
    public required string FileName { get; init; }

    /// <summary>Passed through <c>ArgumentList</c>, one element per argv entry, so nothing is re-parsed by a shell.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Only for <c>cmd.exe</c>, whose own quoting rules <c>ArgumentList</c> cannot express.</summary>
    public string? RawArguments { get; init; }

    /// <summary>How the process is named in log lines and exception messages.</summary>
    public required string DisplayName { get; init; }

    public IReadOnlyDictionary<string, string?>? Environment { get; init; }
    public bool InheritEnvironment { get; init; } = true;
    public string? WorkingDirectory { get; init; }
    public TimeSpan? Timeout { get; init; }
    public Encoding? OutputEncoding { get; init; }
    public LogLevel StdoutLogLevel { get; init; } = LogLevel.Information;
    public LogLevel StderrLogLevel { get; init; } = LogLevel.Warning;

    /// <summary>A background child that inherited stdout keeps the pipe open after the parent exits; this is how long we wait for it.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
