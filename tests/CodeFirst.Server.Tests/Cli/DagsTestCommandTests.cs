using CodeFirst.Server.Tests.Support;

namespace CodeFirst.Server.Tests.Cli;

public sealed class DagsTestCommandTests
{
    private readonly CliRunner _cli = new(TestDags.All);

    [Fact]
    public async Task DagsTest_TaskThrows_ShowsRetriesThenFailedAndUpstreamFailedAndExitsOne()
    {
        var (code, output, _) = await _cli.RunAsync("dags", "test", "failing", "2024-01-01");

        Assert.Equal(1, code);
        Assert.Contains("up_for_retry      try 1/3  InvalidOperationException: source is down", output, StringComparison.Ordinal);
        Assert.Contains("up_for_retry      try 2/3", output, StringComparison.Ordinal);
        Assert.Contains("failed            try 3/3", output, StringComparison.Ordinal);
        Assert.Matches(@"extract\s+failed\s+3/3", output);
        Assert.Matches(@"load\s+upstream_failed\s+0/1", output);
        Assert.Contains("Run manual__2024-01-01T00:00:00+00:00: failed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DagsTest_Passing_PrintsSuccessAndExitsZero()
    {
        var (code, output, _) = await _cli.RunAsync("dags", "test", "passing");

        Assert.Equal(0, code);
        Assert.Matches(@"produce\s+success\s+1/1", output);
        Assert.Matches(@"consume\s+success\s+1/1", output);
        Assert.Matches(@"Run manual__\S+: success", output);
    }

    [Theory]
    [InlineData(new[] { "dags", "test", "nope" }, "Error: DAG 'nope' not found. Known DAGs: failing, passing.")]
    [InlineData(new[] { "dags", "test", "passing", "yesterday" }, "Error: logical_date 'yesterday' is not a date")]
    [InlineData(new[] { "dags", "test", "passing", "--conf", "{oops" }, "Error: --conf: conf is not valid JSON")]
    [InlineData(new[] { "dags", "test", "passing", "--conf", "[1]" }, "Error: --conf: conf must be a JSON object, but it is a JSON array.")]
    public async Task DagsTest_BadInput_ExitsTwoNamingTheProblem(string[] args, string message)
    {
        var (code, _, error) = await _cli.RunAsync(args);

        Assert.Equal(2, code);
        Assert.StartsWith(message, error, StringComparison.Ordinal);
    }
}
