using Microsoft.Extensions.Logging;

namespace CodeFirst.Tasks.Tests;

public sealed class ShellOutputTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [UnixFact]
    public async Task RunAsync_SeveralStdoutLines_LogsEachLineInOrderAtInformation()
    {
        var log = new TestLogger();

        await Shell.RunAsync("echo one; echo two; echo three", null, log).WaitAsync(Bound);

        Assert.Equal(
            [new(LogLevel.Information, "one", 3), new(LogLevel.Information, "two", 3), new(LogLevel.Information, "three", 3)],
            log.OutputLines);
    }

    [UnixFact]
    public async Task RunAsync_StderrLine_LogsItAtWarning()
    {
        var log = new TestLogger();

        await Shell.RunAsync("echo problem >&2", null, log).WaitAsync(Bound);

        Assert.Equal([new(LogLevel.Warning, "problem", 3)], log.OutputLines);
    }

    [UnixFact]
    public async Task RunAsync_LogLevelsConfigured_UsesThem()
    {
        var log = new TestLogger();
        var options = new ShellOptions { StdoutLogLevel = LogLevel.Debug, StderrLogLevel = LogLevel.Error };

        await Shell.RunAsync("echo out; echo err >&2", options, log).WaitAsync(Bound);

        Assert.Contains(new LogEntry(LogLevel.Debug, "out", 3), log.OutputLines);
        Assert.Contains(new LogEntry(LogLevel.Error, "err", 3), log.OutputLines);
    }

    [UnixFact]
    public async Task RunAsync_TrailingBlankLines_ReturnsLastNonEmptyStdoutLine()
    {
        var result = await Shell.RunAsync("echo first; echo last; echo err >&2; echo; echo '  '", null, new TestLogger()).WaitAsync(Bound);

        Assert.Equal("last", result);
    }

    [UnixFact]
    public async Task RunAsync_NoStdout_ReturnsNull()
    {
        var result = await Shell.RunAsync("echo only-stderr >&2", null, new TestLogger()).WaitAsync(Bound);

        Assert.Null(result);
    }

    [UnixFact]
    public async Task RunAsync_LineWrittenBeforeExit_IsLoggedWhileTheCommandStillRuns()
    {
        using var dir = new TempDirectory();
        var gate = dir.File("go");
        var log = new TestLogger();

        // The command cannot finish before the test creates the gate file, so "early" must be logged while it runs.
        var run = Shell.RunAsync($"echo early; for i in $(seq 1 300); do [ -f '{gate}' ] && break; sleep 0.1; done; echo late", null, log);
        await log.WaitForAsync(e => e.Message == "early", Bound);
        var finishedEarly = run.IsCompleted;
        await File.WriteAllTextAsync(gate, "");
        var result = await run.WaitAsync(Bound);

        Assert.False(finishedEarly);
        Assert.Equal("late", result);
    }

    [UnixFact]
    public async Task RunAsync_Utf8Output_IsDecoded()
    {
        var result = await Shell.RunAsync("printf 'h\\xc3\\xa9llo \\xe2\\x9c\\x93\\n'", null, new TestLogger()).WaitAsync(Bound);

        Assert.Equal("héllo ✓", result);
    }

    [UnixFact]
    public async Task RunAsync_TaskContext_LogsToContextLogAndReturnsLastLine()
    {
        var log = new TestLogger();

        var result = await Shell.RunAsync(TestContexts.Create(log), "echo 42").WaitAsync(Bound);

        Assert.Equal("42", result);
        Assert.Equal(["Running echo 42", "42"], log.Entries.Where(e => e.Level == LogLevel.Information).Select(e => e.Message).Take(2));
    }
}
