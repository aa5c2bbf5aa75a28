namespace CodeFirst.Tasks.Tests;

public sealed class ShellKillTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [UnixFact]
    public async Task RunAsync_Cancelled_KillsProcessTreeAndThrowsOperationCanceled()
    {
        using var dir = new TempDirectory();
        var pidFile = dir.File("child.pid");
        using var cts = new CancellationTokenSource();

        var run = Shell.RunAsync($"sleep 60 & echo $! > '{pidFile}'; wait", null, new TestLogger(), cts.Token);
        var child = await ProcessProbe.ReadPidAsync(pidFile, Bound);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(Bound));
        await Poll.UntilAsync(() => !ProcessProbe.IsAlive(child), Bound, $"background child {child} to die");
    }

    [UnixFact]
    public async Task RunAsync_TimeoutElapses_KillsProcessTreeAndThrowsTimeout()
    {
        using var dir = new TempDirectory();
        var pidFile = dir.File("child.pid");
        var log = new TestLogger();

        var error = await Assert.ThrowsAsync<TimeoutException>(
            () => Shell.RunAsync($"echo $$ > '{pidFile}.shell'; sleep 60 & echo $! > '{pidFile}'; wait", new ShellOptions { Timeout = TimeSpan.FromSeconds(2) }, log).WaitAsync(Bound));

        var child = await ProcessProbe.ReadPidAsync(pidFile, Bound);
        var shell = await ProcessProbe.ReadPidAsync(pidFile + ".shell", Bound);
        await Poll.UntilAsync(() => !ProcessProbe.IsAlive(child) && !ProcessProbe.IsAlive(shell), Bound, "the shell and its child to die");
        Assert.Contains("killed", error.Message, StringComparison.Ordinal);
        Assert.Contains(log.Entries, e => e.Message.StartsWith($"Killing process {shell} and its descendants", StringComparison.Ordinal));
    }

    [UnixFact]
    public async Task RunAsync_BackgroundChildKeepsStdoutOpen_ReturnsAfterDrainTimeout()
    {
        using var dir = new TempDirectory();
        var pidFile = dir.File("child.pid");
        var log = new TestLogger();
        var options = new ShellOptions { DrainTimeout = TimeSpan.FromMilliseconds(300) };

        try
        {
            var result = await Shell.RunAsync($"sleep 60 & echo $! > '{pidFile}'; echo done", options, log).WaitAsync(Bound);

            Assert.Equal("done", result);
            Assert.Contains(log.Entries, e => e.Message.StartsWith("Output was still open", StringComparison.Ordinal));
        }
        finally
        {
            // The orphan is ours: the test started it through the shell.
            var child = await ProcessProbe.ReadPidAsync(pidFile, Bound);
            if (ProcessProbe.IsAlive(child)) System.Diagnostics.Process.GetProcessById(child).Kill();
        }
    }
}
