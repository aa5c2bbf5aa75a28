using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Tasks.Processes;

/// <summary>
/// Starts a process, streams its output into the task log and, on timeout or cancellation,
/// kills its whole tree: a task that is stopped must not leave a <c>spark-submit</c> driver or a
/// backgrounded child running on the worker.
/// </summary>
internal static class ProcessRunner
{
    private const int StderrTailSize = 20;

    private static readonly TimeSpan ReapTimeout = TimeSpan.FromSeconds(10);
    private static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static async Task<ProcessOutcome> RunAsync(ProcessSpec spec, ILogger log, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (spec.Timeout is { } limit && limit <= TimeSpan.Zero && limit != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(spec), limit, "The timeout must be positive.");

        using var process = new Process { StartInfo = CreateStartInfo(spec) };
        ProcessLog.Starting(log, spec.DisplayName);
        StartOrFail(process, spec);
        var started = Stopwatch.GetTimestamp();
        ProcessLog.Started(log, process.Id);
        process.StandardInput.Close();

        var stdout = new OutputPump(process.StandardOutput, spec.StdoutLogLevel, log, tailSize: 0);
        var stderr = new OutputPump(process.StandardError, spec.StderrLogLevel, log, StderrTailSize);
        using var drain = new CancellationTokenSource();
        var pumps = Task.WhenAll(stdout.RunAsync(drain.Token), stderr.RunAsync(drain.Token));

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (spec.Timeout is { } timeout && timeout != Timeout.InfiniteTimeSpan) deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            var cancelled = cancellationToken.IsCancellationRequested;
            await KillTreeAsync(process, log, cancelled ? "the task was cancelled" : $"no exit within {spec.Timeout}").ConfigureAwait(false);
            await DrainAsync(pumps, drain, spec.DrainTimeout, log).ConfigureAwait(false);
            if (cancelled)
                throw new OperationCanceledException($"{spec.DisplayName} was cancelled; its process tree was killed.", null, cancellationToken);
            throw new TimeoutException($"{spec.DisplayName} did not finish within {spec.Timeout}; its process tree was killed.");
        }

        await DrainAsync(pumps, drain, spec.DrainTimeout, log).ConfigureAwait(false);
        ProcessLog.Exited(log, process.ExitCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return new ProcessOutcome(process.ExitCode, stdout.LastNonEmptyLine, stderr.Tail);
    }

    private static ProcessStartInfo CreateStartInfo(ProcessSpec spec)
    {
        var info = new ProcessStartInfo(spec.FileName)
        {
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = spec.OutputEncoding ?? Utf8NoBom,
            StandardErrorEncoding = spec.OutputEncoding ?? Utf8NoBom,
        };
        if (spec.RawArguments is not null) info.Arguments = spec.RawArguments;
        foreach (var argument in spec.Arguments) info.ArgumentList.Add(argument);
        if (!string.IsNullOrEmpty(spec.WorkingDirectory)) info.WorkingDirectory = spec.WorkingDirectory;

        if (!spec.InheritEnvironment) info.Environment.Clear();
        foreach (var (name, value) in spec.Environment ?? new Dictionary<string, string?>())
        {
            if (value is null) info.Environment.Remove(name);
            else info.Environment[name] = value;
        }
        return info;
    }

    private static void StartOrFail(Process process, ProcessSpec spec)
    {
        if (!string.IsNullOrEmpty(spec.WorkingDirectory) && !Directory.Exists(spec.WorkingDirectory))
            throw new TaskFailedException($"Cannot run {spec.DisplayName}: working directory '{spec.WorkingDirectory}' does not exist.");
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            // A missing executable is a configuration error that no retry will fix.
            throw new TaskFailedException($"Cannot start '{spec.FileName}': {e.Message}", e);
        }
    }

    private static async Task KillTreeAsync(Process process, ILogger log, string reason)
    {
        ProcessLog.Killing(log, process.Id, reason);
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the deadline and the kill.
        }
        catch (AggregateException)
        {
            // Some descendant exited (or was not ours to kill) while the tree was walked.
        }
        catch (Win32Exception)
        {
            // The same race, reported by the OS.
        }

        try
        {
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(ReapTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // SIGKILL cannot be refused; if the kernel is slow to reap, the caller still gets its answer.
        }
    }

    private static async Task DrainAsync(Task pumps, CancellationTokenSource drain, TimeSpan drainTimeout, ILogger log)
    {
        try
        {
            await pumps.WaitAsync(drainTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            ProcessLog.DrainAbandoned(log, drainTimeout.TotalMilliseconds);
            await drain.CancelAsync().ConfigureAwait(false);
            try
            {
                await pumps.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Expected: the reads were abandoned on purpose.
            }
        }
    }
}
