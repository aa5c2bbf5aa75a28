using CodeFirst.Server.Tests.Support;

namespace CodeFirst.Server.Tests.Cli;

/// <summary>
/// 'dags trigger', 'dags backfill' and 'dags next-execution' against a running standalone server:
/// what they print for the schedule, and a clear error (exit 2, or 1 for a refused precondition)
/// for an unknown DAG, an invalid date, invalid conf JSON and conf that breaks the DAG's params.
/// </summary>
public sealed class ScheduleCommandErrorTests(StandaloneServer server) : IClassFixture<StandaloneServer>
{
    private const string Backfill = "dags backfill nightly -s 2022-01-01 -e 2022-01-02 --dry-run";

    [Theory]
    // An unknown DAG.
    [InlineData("dags trigger ghost", "Error: NOT_FOUND: DAG 'ghost' not found. Known DAGs: berlin, failing, flaky, gated, nightly, passing.")]
    [InlineData("dags backfill ghost -s 2022-01-01 -e 2022-01-02", "Error: NOT_FOUND: DAG 'ghost' not found.")]
    [InlineData("dags next-execution ghost", "Error: NOT_FOUND: DAG 'ghost' not found.")]
    // An invalid date.
    [InlineData("dags trigger nightly --logical-date 2022-02-30", "Error: --logical-date '2022-02-30' is not a date: use yyyy-MM-dd or ISO 8601")]
    [InlineData("dags backfill nightly -s 2022-13-01 -e 2022-01-02", "Error: --start-date '2022-13-01' is not a date")]
    [InlineData("dags backfill nightly -s 2022-01-01 -e yesterday", "Error: --end-date 'yesterday' is not a date")]
    [InlineData("dags backfill nightly -e 2022-01-02", "Error: --start-date is required")]
    [InlineData("dags backfill nightly -s 2022-01-05 -e 2022-01-02", "Error: --start-date (2022-01-05) is after --end-date (2022-01-02).")]
    // Invalid conf JSON.
    [InlineData("dags trigger nightly --conf {\"batch_size\":", "Error: --conf: conf is not valid JSON")]
    [InlineData("dags trigger nightly --conf [1]", "Error: --conf: conf must be a JSON object, but it is a JSON array.")]
    [InlineData(Backfill + " --conf {bad", "Error: --conf: conf is not valid JSON")]
    // Conf that fails the params schema.
    [InlineData("dags trigger nightly --conf {\"batch_size\":\"ten\"}",
        "Error: INVALID_ARGUMENT: The conf does not match NightlyParams: conf.batch_size: expected an integer, got \"ten\".")]
    [InlineData(Backfill + " --conf {\"hold\":\"yes\"}", "Error: INVALID_ARGUMENT: The conf does not match NightlyParams: conf.hold: expected a boolean, got \"yes\".")]
    // Other bad input.
    [InlineData("dags backfill passing -s 2022-01-01 -e 2022-01-02", "Error: INVALID_ARGUMENT: DAG 'passing' is scheduled")]
    [InlineData(Backfill + " --max-active-runs 0", "Error: --max-active-runs must be at least 1, but it is 0.")]
    [InlineData("dags next-execution berlin -n 0", "Error: -n must be at least 1, but it is 0.")]
    [InlineData("backfills get x1", "Error: backfill id 'x1' is not a backfill id")]
    [InlineData("backfills cancel 987654", "Error: NOT_FOUND: Backfill 987654 does not exist.")]
    public async Task BadInput_ExitsTwoWithAnErrorNamingTheProblem(string command, string error)
    {
        var result = await server.RunAsync(command.Split(' '));

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(error, result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task BackfillReprocessBehavior_UnknownValue_ParserNamesTheChoices()
    {
        var result = await server.RunAsync("dags", "backfill", "nightly", "-s", "2022-01-01", "-e", "2022-01-02", "--reprocess-behavior", "all");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("'all'", result.Error, StringComparison.Ordinal);
        Assert.Contains("none", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NextExecution_ZonedDag_PrintsRunsInItsZoneAndInUtc()
    {
        var result = await server.RunAsync("dags", "next-execution", "berlin", "-n", "2");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(
            """
            Europe/Berlin:
            logical_date               data_interval_start        data_interval_end          run_after
            -------------------------  -------------------------  -------------------------  -------------------------
            2100-01-01T02:00:00+01:00  2100-01-01T02:00:00+01:00  2100-01-02T02:00:00+01:00  2100-01-02T02:00:00+01:00
            2100-01-02T02:00:00+01:00  2100-01-02T02:00:00+01:00  2100-01-03T02:00:00+01:00  2100-01-03T02:00:00+01:00

            UTC:
            logical_date               data_interval_start        data_interval_end          run_after
            -------------------------  -------------------------  -------------------------  -------------------------
            2100-01-01T01:00:00+00:00  2100-01-01T01:00:00+00:00  2100-01-02T01:00:00+00:00  2100-01-02T01:00:00+00:00
            2100-01-02T01:00:00+00:00  2100-01-02T01:00:00+00:00  2100-01-03T01:00:00+00:00  2100-01-03T01:00:00+00:00
            """.ReplaceLineEndings(),
            result.Output.TrimEnd().ReplaceLineEndings());
        Assert.Equal("None", (await server.RunAsync("dags", "next-execution", "passing", "-n", "3")).Output.Trim());
    }
}
