using System.Text;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Tasks;

/// <summary>How <see cref="Shell"/> runs a command line; every property has a usable default.</summary>
public sealed class ShellOptions
{
    internal static ShellOptions Default { get; } = new();

    /// <summary>
    /// Variables for the child, merged over the current environment (or over nothing, when
    /// <see cref="InheritEnvironment"/> is false). A null value removes an inherited variable.
    /// </summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>False starts the child with only <see cref="Environment"/>, like Airflow's <c>append_env=False</c>.</summary>
    public bool InheritEnvironment { get; init; } = true;

    /// <summary>The child's working directory; the worker's own when null. It must exist.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>After this long the process tree is killed and <see cref="TimeoutException"/> thrown; null waits forever.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The exit code that ends the try as skipped (Airflow's <c>skip_on_exit_code</c>); null never skips.</summary>
    public int? SkipOnExitCode { get; init; } = 99;

    /// <summary>How stdout and stderr are decoded; UTF-8 when null.</summary>
    public Encoding? OutputEncoding { get; init; }

    public LogLevel StdoutLogLevel { get; init; } = LogLevel.Information;
    public LogLevel StderrLogLevel { get; init; } = LogLevel.Warning;

    internal TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
