using CodeFirst.Tasks.Processes;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Tasks;

/// <summary>
/// Runs a command line, Airflow's <c>BashOperator</c>: output goes into the task log line by
/// line, a non-zero exit fails the try, and the last stdout line is returned so a task that
/// returns it publishes it as its XCom value.
/// </summary>
public static class Shell
{
    /// <summary>Runs <paramref name="command"/>, logging to <see cref="TaskContext.Log"/>.</summary>
    public static Task<string?> RunAsync(TaskContext context, string command, ShellOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return RunAsync(command, options, context.Log, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="command"/> with <c>/bin/bash -c</c> (<c>cmd /c</c> on Windows) and
    /// returns its last non-empty stdout line, or null when it wrote none.
    /// </summary>
    /// <exception cref="ShellCommandException">The command exited with a non-zero code (retryable).</exception>
    /// <exception cref="TaskSkippedException">The command exited with <see cref="ShellOptions.SkipOnExitCode"/>.</exception>
    /// <exception cref="TaskFailedException">The working directory does not exist or the shell could not be started.</exception>
    /// <exception cref="TimeoutException"><see cref="ShellOptions.Timeout"/> passed; the process tree was killed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired; the process tree was killed.</exception>
    public static async Task<string?> RunAsync(string command, ShellOptions? options, ILogger log, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        ArgumentNullException.ThrowIfNull(log);
        options ??= ShellOptions.Default;

        var outcome = await ProcessRunner.RunAsync(CreateSpec(command, options), log, cancellationToken).ConfigureAwait(false);
        if (outcome.ExitCode == 0) return outcome.LastStdoutLine;
        if (outcome.ExitCode == options.SkipOnExitCode)
            throw new TaskSkippedException($"The command exited with {outcome.ExitCode}, the skip exit code.");
        throw new ShellCommandException(command, outcome.ExitCode, outcome.StderrTail);
    }

    private static ProcessSpec CreateSpec(string command, ShellOptions options)
    {
        var windows = OperatingSystem.IsWindows();
        return new ProcessSpec
        {
            FileName = windows ? "cmd.exe" : "/bin/bash",
            // /s strips exactly the outer quotes, so cmd sees the command line as written.
            RawArguments = windows ? $"/d /s /c \"{command}\"" : null,
            Arguments = windows ? [] : ["-c", command],
            DisplayName = command,
            Environment = options.Environment,
            InheritEnvironment = options.InheritEnvironment,
            WorkingDirectory = options.WorkingDirectory,
            Timeout = options.Timeout,
            OutputEncoding = options.OutputEncoding,
            StdoutLogLevel = options.StdoutLogLevel,
            StderrLogLevel = options.StderrLogLevel,
            DrainTimeout = options.DrainTimeout,
        };
    }
}
