using CodeFirst.Definitions;

namespace CodeFirst.Runtime.Tests.DagBuilding;

public sealed class DagBuilderValidationTests
{
    [Fact]
    public void Build_ValidDag_CarriesEveryDagAndTaskSetting()
    {
        var start = new DateTime(2024, 1, 1, 6, 0, 0, DateTimeKind.Utc);
        var dag = new DagBuilder("orders_berlin")
            .Schedule("30 6 * * MON-FRI").Timezone("Europe/Berlin").StartDate(start).EndDate(start.AddYears(1)).Catchup()
            .MaxActiveRuns(2).MaxActiveTasks(4).DagRunTimeout(TimeSpan.FromHours(1)).PausedUponCreation()
            .Tags("orders", "generated", "orders").Description("Orders of one region")
            .Defaults(t => t.Retries(2).Pool("db", 2))
            .Task("extract", _ => new[] { 1, 2 })
            .Task("transform", async (ctx, ct) => (await ctx.XCom.PullAsync<int[]>("extract", cancellationToken: ct))!.Sum(),
                t => t.Input("extract").Retries(5).RetryDelay(TimeSpan.FromSeconds(7)).RetryExponentialBackoff(TimeSpan.FromMinutes(1))
                    .ExecutionTimeout(TimeSpan.FromMinutes(2)).Queue("heavy").PriorityWeight(3, WeightRule.Absolute).Outlets("s3://lake/orders"))
            .Task("notify", _ => { }, t => t.After("transform", "extract").TriggerRule(TriggerRule.AllDone).DependsOnPast())
            .Build();

        Assert.Equal(("30 6 * * MON-FRI", "Europe/Berlin", true, 2, 4), (dag.Schedule, dag.Timezone, dag.Catchup, dag.MaxActiveRuns, dag.MaxActiveTasks));
        Assert.Equal(DateTimeKind.Unspecified, dag.StartDate!.Value.Kind);
        Assert.Equal(new DateTime(2024, 1, 1, 6, 0, 0), dag.StartDate);
        Assert.True(dag.IsPausedUponCreation);
        Assert.Equal(TimeSpan.FromHours(1), dag.DagRunTimeout);
        Assert.Equal(["orders", "generated"], dag.Tags);
        Assert.Equal(["extract", "transform", "notify"], dag.Tasks.Select(t => t.TaskId));

        var extract = dag.GetTask("extract");
        Assert.Equal((2, "db", 2, "global::System.Int32[]"), (extract.Retries, extract.Pool, extract.PoolSlots, extract.ReturnType));
        var transform = dag.GetTask("transform");
        Assert.Equal(["extract"], transform.Upstream);
        Assert.Equal(["extract"], transform.XComInputs);
        Assert.Equal((5, TimeSpan.FromSeconds(7), true, TimeSpan.FromMinutes(1)), (transform.Retries, transform.RetryDelay, transform.RetryExponentialBackoff, transform.MaxRetryDelay));
        Assert.Equal((TimeSpan.FromMinutes(2), "heavy", 3, WeightRule.Absolute), (transform.ExecutionTimeout, transform.Queue, transform.PriorityWeight, transform.WeightRule));
        Assert.Equal(["s3://lake/orders"], transform.Outlets);
        var notify = dag.GetTask("notify");
        Assert.Equal(["extract", "transform"], notify.Upstream);
        Assert.Empty(notify.XComInputs);
        Assert.Null(notify.ReturnType);
        Assert.Equal((TriggerRule.AllDone, true), (notify.TriggerRule, notify.DependsOnPast));
        Assert.Equal(["notify", "transform"], dag.Downstream("extract"));
    }

    [Fact]
    public void Build_UnknownUpstream_NamesTheTaskTheReferenceAndTheKnownIds()
    {
        var error = Assert.Throws<DagBuildException>(() => new DagBuilder("d")
            .Task("extract", _ => 1)
            .Task("load", _ => { }, t => t.Input("extrct"))
            .Build());

        Assert.Equal(["CF0002: Task 'load' refers to 'extrct', which is not a task of this DAG. Known task ids: extract, load."], error.Errors);
        Assert.StartsWith("DAG 'd' is invalid:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Cycle_ShowsThePathFromTheEarliestDeclaredTask()
    {
        var error = Assert.Throws<DagBuildException>(() => new DagBuilder("d")
            .Task("start", _ => { })
            .Task("c", _ => { }, t => t.After("b"))
            .Task("a", _ => { }, t => t.After("start", "c"))
            .Task("b", _ => { }, t => t.After("a"))
            .Task("self", _ => { }, t => t.After("self"))
            .Build());

        Assert.Equal(
            [
                "CF0003: Tasks form a cycle: c -> a -> b -> c. Remove an After or Input edge on one of these tasks.",
                "CF0003: Tasks form a cycle: self -> self. Remove an After or Input edge on one of these tasks.",
            ],
            error.Errors);
    }

    [Fact]
    public void Build_DuplicateAndInvalidIds_AreReported()
    {
        var error = Assert.Throws<DagBuildException>(() => new DagBuilder("bad dag")
            .Task("load", _ => { })
            .Task("load", _ => 2)
            .Task("with space", _ => { })
            .Build());

        Assert.Equal(
            [
                "CF0010: DAG id 'bad dag' is invalid. An id must be non-empty and contain only the letters A-Z and a-z, digits, '_', '.' and '-'.",
                "CF0006: Task id 'load' is used by two tasks. Task ids must be unique in a DAG.",
                "CF0010: Task id 'with space' is invalid. An id must be non-empty and contain only the letters A-Z and a-z, digits, '_', '.' and '-'.",
            ],
            error.Errors);
    }

    [Theory]
    [InlineData("61 * * * *", "CF0007: Invalid schedule '61 * * * *': the minute field '61' is not valid.")]
    [InlineData("* * *", "CF0007: Invalid schedule '* * *': a cron expression has 5 fields, this one has 3.")]
    [InlineData("@fortnightly", "CF0007: Invalid schedule '@fortnightly': unknown preset.")]
    [InlineData("asset:a & (asset:b", "CF0031: ")]
    public void Build_BadSchedule_ReportsTheRuntimeParsersMessage(string schedule, string expected)
    {
        var error = Assert.Throws<DagBuildException>(() => new DagBuilder("d").Schedule(schedule).Task("t", _ => { }).Build());

        Assert.StartsWith(expected, Assert.Single(error.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_UnknownTimezone_IsReported()
    {
        var error = Assert.Throws<DagBuildException>(() => new DagBuilder("d").Schedule("@daily").Timezone("Mars/Olympus").Build());

        Assert.StartsWith("CF0007: Unknown time zone 'Mars/Olympus'.", Assert.Single(error.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_BadNumbersDurationsAndNames_ReportsEveryOne()
    {
        var error = Assert.Throws<DagBuildException>(() => new DagBuilder("d")
            .Schedule("@continuous").MaxActiveRuns(3).MaxActiveTasks(0)
            .StartDate(new DateTime(2024, 2, 1)).EndDate(new DateTime(2024, 1, 1))
            .Task("t", _ => { }, t => t.Retries(-1).Pool(" ", 0).Queue("").RetryDelay(TimeSpan.FromSeconds(-1))
                .ExecutionTimeout(TimeSpan.Zero).Outlets("s3://a b"))
            .Build());

        Assert.Equal(
            [
                "CF0030: DAG 'd' has schedule @continuous and MaxActiveRuns 3; a continuous DAG needs MaxActiveRuns(1).",
                "CF0008: EndDate 2024-01-01T00:00:00 is before StartDate 2024-02-01T00:00:00.",
                "CF0012: MaxActiveTasks is 0, but it must be at least 1.",
                "CF0012: Task 't': Retries is -1, but it must be zero or more.",
                "CF0012: Task 't': PoolSlots is 0, but it must be at least 1.",
                "CF0009: Task 't': RetryDelay -00:00:01 must not be negative.",
                "CF0009: Task 't': ExecutionTimeout 00:00:00 must be positive.",
                "CF0021: Task 't': Pool ' ' is not valid: it must be 1 to 256 characters and not blank.",
                "CF0021: Task 't': Queue '' is not valid: it must be 1 to 256 characters and not blank.",
                "CF0033: Task 't' has outlet 's3://a b', which is not a usable asset URI (non-empty, without whitespace, '&', '|', '(' or ')').",
            ],
            error.Errors);
    }

    [Fact]
    public void Build_BranchAndShortCircuitWithTheWrongReturnType_AreReported()
    {
        var error = Assert.Throws<DagBuildException>(() => new DagBuilder("d")
            .Task("choose", _ => 1, t => t.Branch())
            .Task("gate", _ => "yes", t => t.ShortCircuit())
            .Task("both", _ => true, t => t.Branch().ShortCircuit())
            .Build());

        Assert.Equal(
            [
                "CF0016: Task 'choose' is a Branch(), but it returns Int32. A branch returns the id (string) or ids (IEnumerable<string>) of the direct downstream tasks to follow.",
                "CF0017: Task 'gate' is a ShortCircuit(), but it returns String. A short circuit returns bool: false skips everything downstream.",
                "CF0020: Task 'both' cannot be both Branch() and ShortCircuit(). Keep one.",
            ],
            error.Errors);
    }

    [Fact]
    public void Task_ReturningValueTask_IsRejectedInsteadOfStoringTheTask()
    {
        var error = Assert.Throws<ArgumentException>(() => new DagBuilder("d").Task("t", _ => ValueTask.FromResult(1)));

        Assert.StartsWith("Task 't' returns ValueTask`1, which would be stored instead of awaited.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_ApplyBeforeTheTasksOwnSettings()
    {
        var dag = new DagBuilder("d")
            .Defaults(t => t.Retries(3).Queue("etl"))
            .Task("a", _ => { })
            .Task("b", _ => { }, t => t.Retries(0))
            .Build();

        Assert.Equal((3, "etl"), (dag.GetTask("a").Retries, dag.GetTask("a").Queue));
        Assert.Equal((0, "etl"), (dag.GetTask("b").Retries, dag.GetTask("b").Queue));
    }
}
