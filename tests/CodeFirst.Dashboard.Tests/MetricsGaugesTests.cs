using System.Net;
using CodeFirst.Dashboard.Tests.Infrastructure;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.State;

namespace CodeFirst.Dashboard.Tests;

/// <summary>
/// /metrics as Prometheus scrapes it, while runs happen: the queued/running gauges per queue and pool,
/// the trigger figures and the asset event → run latency move with them.
/// </summary>
public sealed class MetricsGaugesTests(MetricsHost host) : IClassFixture<MetricsHost>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private const string EtlPool = "pool=\"default_pool\",queue=\"etl\"";

    [Fact]
    public async Task Metrics_RunsHappen_GaugesTriggerFiguresAndEventLatencyMove()
    {
        // A task whose queue no worker serves stays queued.
        var queued = TaskReaches("unserved", "never", TaskInstanceState.Queued);
        await TriggerAsync("unserved");
        await queued;
        var text = await ScrapeAsync();
        Assert.Equal(1, PrometheusText.Sample(text, "codefirst_task_instances_queued", $"pool=\"default_pool\",queue=\"{MetricsHost.UnservedQueue}\""));
        Assert.Equal("gauge", PrometheusText.TypeOf(text, "codefirst_task_instances_queued"));

        // Running while held, then 0 (the series stays) once it finishes.
        var running = TaskReaches("held", "hold", TaskInstanceState.Running);
        var heldDone = TaskReaches("held", "hold", TaskInstanceState.Success);
        await TriggerAsync("held");
        await running;
        Assert.Equal(1, PrometheusText.Sample(await ScrapeAsync(), "codefirst_task_instances_running", EtlPool));
        host.Gate.TrySetResult();
        await heldDone;
        text = await ScrapeAsync();
        Assert.Contains($"codefirst_task_instances_running{{{EtlPool}}} 0\n", text, StringComparison.Ordinal);

        // A deferred sensor's trigger runs in the triggerer, then fires.
        var firedBefore = PrometheusText.Sample(text, "codefirst_triggers_fired_total");
        var deferred = TaskReaches("waiting", "wait", TaskInstanceState.Deferred);
        var sensorDone = TaskReaches("waiting", "wait", TaskInstanceState.Success);
        await TriggerAsync("waiting");
        await deferred;
        await ScrapeUntilAsync(t => PrometheusText.Sample(t, "codefirst_triggers_running") == 1, "the trigger to be running");
        host.SensorReady = true;
        await sensorDone;
        text = await ScrapeAsync();
        Assert.Equal(firedBefore + 1, PrometheusText.Sample(text, "codefirst_triggers_fired_total"));
        Assert.Equal(0, PrometheusText.Sample(text, "codefirst_triggers_running"));

        // An asset event creates a run; its start is measured from the event.
        var started = RunReaches("asset_consumer", DagRunState.Running);
        await host.Engine.Assets!.EmitAsync(MetricsHost.AssetUri, null, CancellationToken.None);
        await started;
        text = await ScrapeAsync();
        Assert.Equal(1, PrometheusText.Sample(text, "codefirst_asset_event_to_run_seconds_count", "dag_id=\"asset_consumer\""));
        Assert.Equal("histogram", PrometheusText.TypeOf(text, "codefirst_asset_event_to_run_seconds"));
    }

    private async Task TriggerAsync(string dagId)
    {
        await host.Engine.Runs.TriggerAsync(host.Engine.Dags.Get(dagId), null, null, null, CancellationToken.None);
        host.Engine.WakeScheduler();
    }

    private async Task<string> ScrapeAsync()
    {
        var response = await Http.GetAsync(new Uri(host.Address, "/metrics"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var text = await response.Content.ReadAsStringAsync();
        PrometheusText.AssertValid(text);
        return text;
    }

    // Nothing raises an event when a triggerer claims a trigger: the page is read until it shows it.
    private async Task ScrapeUntilAsync(Func<string, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        string text;
        while (!condition(text = await ScrapeAsync()))
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting for {what}:\n{text}");
            await Task.Delay(50);
        }
    }

    // Subscribed before the action that causes the change, so it cannot be missed.
    private Task TaskReaches(string dagId, string taskId, TaskInstanceState state)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnTask(TaskInstanceChange change)
        {
            if (change.DagId == dagId && change.TaskId == taskId && change.State == state) reached.TrySetResult();
        }
        host.Engine.Events.TaskInstanceChanged += OnTask;
        return reached.Task.WaitAsync(Timeout).ContinueWith(t => { host.Engine.Events.TaskInstanceChanged -= OnTask; t.GetAwaiter().GetResult(); }, TaskScheduler.Default);
    }

    private Task RunReaches(string dagId, DagRunState state)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnRun(DagRunChange change)
        {
            if (change.DagId == dagId && change.State == state) reached.TrySetResult();
        }
        host.Engine.Events.DagRunChanged += OnRun;
        return reached.Task.WaitAsync(Timeout).ContinueWith(t => { host.Engine.Events.DagRunChanged -= OnRun; t.GetAwaiter().GetResult(); }, TaskScheduler.Default);
    }
}
