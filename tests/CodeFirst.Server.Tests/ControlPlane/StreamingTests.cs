using CodeFirst.Proto.V1;
using CodeFirst.Runtime.State;
using CodeFirst.Server.Cli.Client;
using CodeFirst.Server.Tests.ControlPlane.Infrastructure;

namespace CodeFirst.Server.Tests.ControlPlane;

/// <summary>WatchDagRun and StreamTaskLog ordering, driven step by step: the gate opens only after the snapshot arrived.</summary>
public sealed class StreamingTests(ControlPlaneHost host) : IClassFixture<ControlPlaneHost>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task WatchDagRun_RunningRun_SnapshotThenChangesThenCompletesWithRun()
    {
        using var client = new GrpcClient(host.Address, null);
        await host.Engine.Runs.TriggerAsync(host.Engine.Dags.Get("gated"), null, null, "watch-live", CancellationToken.None);
        host.Engine.WakeScheduler();
        await host.WaitForTaskStateAsync("gated", "watch-live", "wait", TaskInstanceState.Running);
        using var limit = new CancellationTokenSource(Limit);

        var events = new List<DagRunEvent>();
        await foreach (var message in client.StreamAsync("codefirst.v1.DagRunService/WatchDagRun",
            new WatchDagRunRequest { DagId = "gated", RunId = "watch-live" }, DagRunEvent.Parser, limit.Token))
        {
            events.Add(message);
            if (events.Count == 1) ControlPlaneDags.Open("watch-live");
        }

        var snapshot = events[0].Snapshot;
        Assert.Equal("running", snapshot.DagRun.State);
        Assert.Equal("running", Assert.Single(snapshot.TaskInstances).State);
        var change = Assert.Single(events, e => e.EventCase == DagRunEvent.EventOneofCase.TaskInstanceChanged).TaskInstanceChanged;
        Assert.Equal(("wait", "success", "running", 1), (change.TaskId, change.State, change.PreviousState, change.TryNumber));
        var end = events[^1].DagRunChanged;
        Assert.Equal(("success", "running"), (end.State, end.PreviousState));
    }

    [Fact]
    public async Task StreamTaskLog_FailingTask_EveryTrysLinesThenCompletes()
    {
        using var client = new GrpcClient(host.Address, null);
        await host.Engine.Runs.TriggerAsync(host.Engine.Dags.Get("failing"), null, null, "follow", CancellationToken.None);
        host.Engine.WakeScheduler();
        using var limit = new CancellationTokenSource(Limit);

        var lines = new List<TaskLogLine>();
        await foreach (var line in client.StreamAsync("codefirst.v1.TaskInstanceService/StreamTaskLog",
            new StreamTaskLogRequest { DagId = "failing", RunId = "follow", TaskId = "extract" }, TaskLogLine.Parser, limit.Token))
        {
            lines.Add(line);
        }

        Assert.Equal([1, 2, 3], lines.Select(l => l.TryNumber).Distinct());
        Assert.Contains(lines, l => l.TryNumber == 3 && l.Message.Contains("source is down", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StreamTaskLog_RunningTry_ItsLineArrivesWhileItRunsAndOnlyOnce()
    {
        using var client = new GrpcClient(host.Address, null);
        await host.Engine.Runs.TriggerAsync(host.Engine.Dags.Get("gated"), null, null, "follow-live", CancellationToken.None);
        host.Engine.WakeScheduler();
        await host.WaitForTaskStateAsync("gated", "follow-live", "wait", TaskInstanceState.Running);
        using var limit = new CancellationTokenSource(Limit);

        var lines = new List<TaskLogLine>();
        try
        {
            await foreach (var line in client.StreamAsync("codefirst.v1.TaskInstanceService/StreamTaskLog",
                new StreamTaskLogRequest { DagId = "gated", RunId = "follow-live", TaskId = "wait" }, TaskLogLine.Parser, limit.Token))
            {
                lines.Add(line);
                // The gate opens only once the running try's line came: without live following this would never end.
                if (lines.Count == 1) ControlPlaneDags.Open("follow-live");
            }
        }
        finally
        {
            ControlPlaneDags.Open("follow-live");
        }

        Assert.Equal(["waiting for the gate"], lines.Select(l => l.Message));
        Assert.Equal(1, lines[0].TryNumber);
    }

    [Fact]
    public async Task GetTaskLog_TryBeyondTriesRun_InvalidArgument()
    {
        using var client = new GrpcClient(host.Address, null);
        await host.Engine.Runs.TriggerAsync(host.Engine.Dags.Get("passing"), null, null, "log-try", CancellationToken.None);
        host.Engine.WakeScheduler();
        Assert.Equal(DagRunState.Success, await host.WaitForRunEndAsync("passing", "log-try"));

        var error = await Assert.ThrowsAsync<GrpcCallException>(() => client.UnaryAsync("codefirst.v1.TaskInstanceService/GetTaskLog",
            new GetTaskLogRequest { DagId = "passing", RunId = "log-try", TaskId = "produce", TryNumber = 4 }, GetTaskLogResponse.Parser, CancellationToken.None));

        Assert.Equal(Grpc.StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("try_number 4: task 'produce' has run 1 try.", error.Detail);
    }

    [Fact]
    public async Task SetTaskInstanceState_MarkFailedWithDownstream_RunFails()
    {
        using var client = new GrpcClient(host.Address, null);
        await host.Engine.Runs.TriggerAsync(host.Engine.Dags.Get("gated"), null, null, "mark", CancellationToken.None);
        host.Engine.WakeScheduler();
        await host.WaitForTaskStateAsync("gated", "mark", "wait", TaskInstanceState.Running);
        try
        {
            var dry = await client.UnaryAsync("codefirst.v1.TaskInstanceService/SetTaskInstanceState",
                new SetTaskInstanceStateRequest { DagId = "gated", RunId = "mark", TaskId = "wait", NewState = "success", DryRun = true },
                SetTaskInstanceStateResponse.Parser, CancellationToken.None);
            Assert.Equal(("wait", "running"), (Assert.Single(dry.TaskInstances).TaskId, dry.TaskInstances[0].PreviousState));

            var marked = await client.UnaryAsync("codefirst.v1.TaskInstanceService/SetTaskInstanceState",
                new SetTaskInstanceStateRequest { DagId = "gated", RunId = "mark", TaskId = "wait", NewState = "failed" },
                SetTaskInstanceStateResponse.Parser, CancellationToken.None);

            Assert.False(marked.DryRun);
            Assert.Equal(DagRunState.Failed, await host.WaitForRunEndAsync("gated", "mark"));
        }
        finally
        {
            ControlPlaneDags.Open("mark");
        }
    }
}
