using CodeFirst.Tasks.Processes;
using CodeFirst.Tasks.Spark;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Tasks;

/// <summary>
/// Runs <c>spark-submit</c> from typed options, Airflow's <c>SparkSubmitOperator</c>: the
/// output goes into the task log, a non-zero exit fails the try, and on timeout or
/// cancellation the spark-submit process and everything it started are killed.
/// </summary>
public static class SparkSubmit
{
    /// <summary>Submits with <see cref="TaskContext.Log"/> as the log.</summary>
    public static Task<string?> RunAsync(TaskContext context, SparkSubmitOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return RunAsync(options, context.Log, cancellationToken);
    }

    /// <summary>Runs spark-submit to completion and returns its last non-empty stdout line.</summary>
    /// <exception cref="ShellCommandException">spark-submit exited with a non-zero code (retryable).</exception>
    /// <exception cref="TaskFailedException">spark-submit could not be started (not found, working directory missing).</exception>
    /// <exception cref="TimeoutException"><see cref="SparkSubmitOptions.Timeout"/> passed; the process tree was killed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired; the process tree was killed.</exception>
    public static async Task<string?> RunAsync(SparkSubmitOptions options, ILogger log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);

        var executable = ResolveExecutable(options, Environment.GetEnvironmentVariable);
        var arguments = SparkSubmitArguments.Build(options);
        var display = SparkSubmitArguments.Display(executable, arguments);
        var spec = new ProcessSpec
        {
            FileName = executable,
            Arguments = arguments,
            DisplayName = display,
            Environment = options.Environment,
            WorkingDirectory = options.WorkingDirectory,
            Timeout = options.Timeout,
            StdoutLogLevel = options.StdoutLogLevel,
            StderrLogLevel = options.StderrLogLevel,
        };

        var outcome = await ProcessRunner.RunAsync(spec, log, cancellationToken).ConfigureAwait(false);
        if (outcome.ExitCode != 0) throw new ShellCommandException(display, outcome.ExitCode, outcome.StderrTail);
        return outcome.LastStdoutLine;
    }

    /// <summary>The argv spark-submit receives (without the executable), in the order it receives it.</summary>
    public static IReadOnlyList<string> BuildArguments(SparkSubmitOptions options) => SparkSubmitArguments.Build(options);

    internal static string ResolveExecutable(SparkSubmitOptions options, Func<string, string?> processEnvironment)
    {
        if (!string.IsNullOrWhiteSpace(options.SparkSubmitPath)) return options.SparkSubmitPath;
        var sparkHome = options.Environment is { } environment && environment.TryGetValue("SPARK_HOME", out var fromOptions)
            ? fromOptions
            : processEnvironment("SPARK_HOME");
        return string.IsNullOrWhiteSpace(sparkHome) ? "spark-submit" : Path.Combine(sparkHome, "bin", "spark-submit");
    }
}
