namespace CodeFirst.Tasks.Tests;

public sealed class ShellExitCodeTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [UnixFact]
    public async Task RunAsync_NonZeroExit_ThrowsShellCommandExceptionWithCodeAndStderrTail()
    {
        var error = await Assert.ThrowsAsync<ShellCommandException>(
            () => Shell.RunAsync("echo out; echo first-err >&2; echo second-err >&2; exit 3", null, new TestLogger()).WaitAsync(Bound));

        Assert.Equal(3, error.ExitCode);
        Assert.Equal(["first-err", "second-err"], error.StderrTail);
        Assert.Contains("code 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("second-err", error.Message, StringComparison.Ordinal);
    }

    [UnixFact]
    public async Task RunAsync_ManyStderrLines_KeepsOnlyTheLastTwenty()
    {
        var error = await Assert.ThrowsAsync<ShellCommandException>(
            () => Shell.RunAsync("for i in $(seq 1 50); do echo e$i >&2; done; exit 1", null, new TestLogger()).WaitAsync(Bound));

        Assert.Equal(Enumerable.Range(31, 20).Select(i => $"e{i}"), error.StderrTail);
    }

    [UnixFact]
    public async Task RunAsync_Exit99ByDefault_ThrowsTaskSkippedException()
    {
        await Assert.ThrowsAsync<TaskSkippedException>(() => Shell.RunAsync("exit 99", null, new TestLogger()).WaitAsync(Bound));
    }

    [UnixFact]
    public async Task RunAsync_SkipOnExitCodeNull_Exit99IsAFailure()
    {
        var error = await Assert.ThrowsAsync<ShellCommandException>(
            () => Shell.RunAsync("exit 99", new ShellOptions { SkipOnExitCode = null }, new TestLogger()).WaitAsync(Bound));

        Assert.Equal(99, error.ExitCode);
    }

    [UnixFact]
    public async Task RunAsync_CustomSkipOnExitCode_SkipsOnThatCode()
    {
        await Assert.ThrowsAsync<TaskSkippedException>(
            () => Shell.RunAsync("exit 7", new ShellOptions { SkipOnExitCode = 7 }, new TestLogger()).WaitAsync(Bound));
    }

    [UnixFact]
    public async Task RunAsync_ExitZero_LogsExitCode()
    {
        var log = new TestLogger();

        await Shell.RunAsync("true", null, log).WaitAsync(Bound);

        Assert.StartsWith("Command exited with code 0 after", log.Entries[^1].Message, StringComparison.Ordinal);
    }

    [UnixFact]
    public async Task RunAsync_AlreadyCancelled_ThrowsWithoutStarting()
    {
        var log = new TestLogger();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Shell.RunAsync("echo never", null, log, new CancellationToken(canceled: true)));

        Assert.Empty(log.Entries);
    }
}
