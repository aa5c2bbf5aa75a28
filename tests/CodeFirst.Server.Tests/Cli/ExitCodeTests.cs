using CodeFirst.Server.Tests.Support;

namespace CodeFirst.Server.Tests.Cli;

/// <summary>
/// The exit codes the README documents, for each kind of outcome: 0 success (help included), 1 what
/// ran failed or the server could not be reached, 2 a usage error (bad command line or bad input).
/// And the [suggest] directive dotnet-suggest calls for shell completion.
/// </summary>
public sealed class ExitCodeTests
{
    private readonly CliRunner _cli = new(TestDags.All);

    [Theory]
    [InlineData(0, "--help")]
    [InlineData(0, "tasks", "clear", "--help")]
    [InlineData(0, "--version")]
    [InlineData(2, "no-such-command")]
    [InlineData(2, "dags", "list", "--no-such-option")]
    [InlineData(2, "tasks", "mark", "passing", "run")]
    [InlineData(2, "tasks", "mark", "passing", "run", "produce", "--state", "skipped")]
    [InlineData(2, "dags", "test", "ghost")]
    [InlineData(2, "dags", "trigger", "passing", "--conf", "[1]")]
    [InlineData(2, "worker", "--live-log-flush-seconds", "-1")]
    [InlineData(2, "worker", "--parallelism", "-1")]
    [InlineData(1, "dags", "list", "--server", "http://127.0.0.1:1")]
    [InlineData(1, "dags", "test", "failing")]
    public async Task Command_Outcome_DocumentedExitCode(int expected, params string[] args)
    {
        var result = await _cli.RunAsync(args);

        Assert.True(expected == result.ExitCode, $"exit code {result.ExitCode}, expected {expected}\n{result.Output}\n{result.Error}");
        if (expected == 2) Assert.NotEqual("", result.Error.Trim());
    }

    [Theory]
    [InlineData("tasks cl", "clear")]
    [InlineData("tasks mark passing run produce --state ", "success")]
    [InlineData("dags ", "trigger")]
    public async Task SuggestDirective_PartialCommandLine_ListsCompletions(string line, string expected)
    {
        var result = await _cli.RunAsync($"[suggest:{line.Length}]", line);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(expected, result.Output.Split('\n', StringSplitOptions.TrimEntries));
    }
}
