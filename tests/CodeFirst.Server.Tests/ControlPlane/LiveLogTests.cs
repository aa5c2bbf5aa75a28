using CodeFirst.Proto.V1;
using CodeFirst.Runtime.State;
using CodeFirst.Server.Cli.Client;
using CodeFirst.Server.Tests.ControlPlane.Infrastructure;
using CodeFirst.Server.Tests.Support;

namespace CodeFirst.Server.Tests.ControlPlane;

/// <summary>GetTaskLog of a try still running in the server's own worker returns its lines so far (see CrossProcessLiveLogTests for another process's worker).</summary>
public sealed class LiveLogTests(ControlPlaneHost host) : IClassFixture<ControlPlaneHost>, IDisposable
{
    private readonly GrpcClient _client = new(host.Address, null);

    [Fact]
    public async Task GetTaskLog_RunningTry_ReturnsItsLinesSoFarThenTheStoredOnes()
    {
        await host.Engine.Runs.TriggerAsync(host.Engine.Dags.Get("gated"), null, null, "live-log", CancellationToken.None);
        host.Engine.WakeScheduler();
        await host.WaitForTaskStateAsync("gated", "live-log", "wait", TaskInstanceState.Running);
        var request = new GetTaskLogRequest { DagId = "gated", RunId = "live-log", TaskId = "wait" };
        GetTaskLogResponse running;
        try
        {
            // The task logs its line just after it starts running; nothing signals that, so poll as the dashboard does.
            running = await Eventually.WaitAsync(async () =>
            {
                var log = await _client.UnaryAsync("codefirst.v1.TaskInstanceService/GetTaskLog", request, GetTaskLogResponse.Parser, CancellationToken.None);
                return log.Lines.Count > 0 ? log : null;
            }, TimeSpan.FromSeconds(30), "the running try's first log line");
        }
        finally
        {
            ControlPlaneDags.Open("live-log");
        }
        Assert.Equal(DagRunState.Success, await host.WaitForRunEndAsync("gated", "live-log"));
        var ended = await _client.UnaryAsync("codefirst.v1.TaskInstanceService/GetTaskLog", request, GetTaskLogResponse.Parser, CancellationToken.None);

        Assert.Equal(["waiting for the gate"], running.Lines.Select(l => l.Message));
        Assert.Equal(1, running.TryNumber);
        Assert.Equal(["waiting for the gate"], ended.Lines.Select(l => l.Message));
    }

    public void Dispose() => _client.Dispose();
}
