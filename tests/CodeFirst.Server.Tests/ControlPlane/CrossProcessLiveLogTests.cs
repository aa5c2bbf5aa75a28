using System.Net;
using CodeFirst.Definitions;
using CodeFirst.Proto.V1;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage.Postgres;
using CodeFirst.Runtime.Tests.Support;
using CodeFirst.Server.Cli.Client;
using CodeFirst.Server.ControlPlane;
using CodeFirst.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Server.Tests.ControlPlane;

/// <summary>
/// A worker and an API that share only a PostgreSQL database, as the <c>worker</c> and <c>api</c> roles do:
/// the API shows a try's log while the other process still runs it, and the final log has every line once.
/// </summary>
public sealed class CrossProcessLiveLogTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task GetTaskLog_TryRunningInAnotherProcess_ReturnsItsStoredLinesThenTheWholeLogOnce()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        DagDefinition[] dags = [new()
        {
            DagId = "remote_log",
            Tasks =
            [
                new TaskDefinition
                {
                    TaskId = "work",
                    MethodName = "work",
                    Invoke = async invocation =>
                    {
                        invocation.Logger.LogInformation("before the gate");
                        await gate.Task.WaitAsync(invocation.CancellationToken);
                        invocation.Logger.LogInformation("after the gate");
                        return null;
                    },
                },
            ],
        }];
        var database = await postgres.CreateDatabaseAsync("livelog");
        await using var services = new ServiceCollection().BuildServiceProvider();
        await using var workerStore = new PostgresStore(database);
        await using var apiStore = new PostgresStore(database);
        var worker = new CodeFirstEngine(workerStore, dags, services, new EngineOptions { Concurrency = 2, LiveLogFlushInterval = TimeSpan.FromMilliseconds(100) });
        var api = new CodeFirstEngine(apiStore, dags, services, new EngineOptions { PollInterval = TimeSpan.FromMilliseconds(200) });
        await apiStore.MigrateAsync(default);
        await apiStore.SyncDagsAsync([("remote_log", false)], default);
        using var stop = new CancellationTokenSource();
        var workerRunning = worker.RunAsync(scheduler: false, worker: true, stop.Token);
        var apiRunning = api.RunAsync(scheduler: true, worker: false, stop.Token);
        var server = await ControlPlaneServer.StartAsync(api, new ControlPlaneOptions { Listen = new IPEndPoint(IPAddress.Loopback, 0), PollInterval = TimeSpan.FromMilliseconds(200) },
            logging: null, CancellationToken.None).WaitAsync(Timeout);
        try
        {
            using var client = new GrpcClient(server.Address, null);
            await client.UnaryAsync("codefirst.v1.DagRunService/TriggerDagRun",
                new TriggerDagRunRequest { DagId = "remote_log", RunId = "remote-1" }, TriggerDagRunResponse.Parser, CancellationToken.None);
            var request = new GetTaskLogRequest { DagId = "remote_log", RunId = "remote-1", TaskId = "work" };

            var running = await Eventually.WaitAsync(async () =>
            {
                var log = await client.UnaryAsync("codefirst.v1.TaskInstanceService/GetTaskLog", request, GetTaskLogResponse.Parser, CancellationToken.None);
                return log.Lines.Count > 0 ? log : null;
            }, Timeout, "the running try's first line through the API process");
            var stillRunning = await client.UnaryAsync("codefirst.v1.TaskInstanceService/GetTaskInstance",
                new GetTaskInstanceRequest { DagId = "remote_log", RunId = "remote-1", TaskId = "work" }, TaskInstance.Parser, CancellationToken.None);
            gate.SetResult();
            await Eventually.WaitAsync(async () =>
                await apiStore.GetRunAsync("remote_log", "remote-1", default) is { State: DagRunState.Success or DagRunState.Failed } run ? run : null,
                Timeout, "the run to end");
            var ended = await client.UnaryAsync("codefirst.v1.TaskInstanceService/GetTaskLog", request, GetTaskLogResponse.Parser, CancellationToken.None);

            Assert.Equal("running", stillRunning.State);
            Assert.Equal(["before the gate"], running.Lines.Select(l => l.Message));
            Assert.Equal(1, running.TryNumber);
            Assert.Equal(["before the gate", "after the gate"], ended.Lines.Select(l => l.Message));
            Assert.Equal(0, api.RunningTasks);
        }
        finally
        {
            gate.TrySetResult();
            await server.DisposeAsync();
            await stop.CancelAsync();
            await Task.WhenAll(workerRunning, apiRunning).WaitAsync(Timeout);
        }
    }
}
