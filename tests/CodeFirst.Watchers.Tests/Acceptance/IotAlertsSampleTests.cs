using System.Text.Json;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage.Postgres;
using CodeFirst.Runtime.Tests.Support;
using CodeFirst.Samples.IotAlerts;
using CodeFirst.Watchers.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CodeFirst.Watchers.Tests.Acceptance;

/// <summary>The IoT sample end to end: readings on one PostgreSQL queue, one run each, alerts on another queue.</summary>
[Collection(QueueServers.Name)]
public sealed class IotAlertsSampleTests(PostgresServer postgres)
{
    [Fact]
    public async Task Readings_EachEvaluatedInItsOwnRun_HotOnesPublishedAsAlerts()
    {
        var db = await postgres.CreateDatabaseAsync("iot");
        await using var store = new PostgresStore(db);
        var services = new ServiceCollection().AddIotAlerts(db).BuildServiceProvider();
        var engine = new CodeFirstEngine(store, [IotAlertPipeline.Definition], services, new EngineOptions { PollInterval = TimeSpan.FromMilliseconds(200) });
        var succeeded = 0;
        var allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        engine.Events.DagRunChanged += c => { if (c.State == DagRunState.Success && Interlocked.Increment(ref succeeded) == 3) allDone.TrySetResult(); };
        using var stop = new CancellationTokenSource();
        await store.MigrateAsync(default);
        await store.SyncDagsAsync([(IotAlertPipeline.Definition.DagId, false)], default);
        await store.SyncAssetReferencesAsync([(IotAlertPipeline.Definition.DagId, [IotAssets.Readings])], default);
        var readings = new PostgresQueue(db, IotAssets.ReadingsQueue);
        await readings.EnsureCreatedAsync(default);
        var running = engine.RunAsync(scheduler: true, worker: true, triggerer: true, stop.Token);
        try
        {
            // Published together: Airflow's rule would collapse them into one run.
            await readings.PublishAsync("""{"sensor":"boiler-1","celsius":97.5}""", default);
            await readings.PublishAsync("""{"sensor":"boiler-2","celsius":20.0}""", default);
            await readings.PublishAsync("""{"sensor":"boiler-3","celsius":85.0}""", default);
            await allDone.Task.WaitAsync(TimeSpan.FromSeconds(45));

            Assert.Equal(3, (await store.ListRunsAsync(IotAlertPipeline.Definition.DagId, null, 10, default)).Count);
            var alerts = (await AlertsAsync(db)).OrderBy(a => a.Sensor, StringComparer.Ordinal).ToList();
            Assert.Equal([("boiler-1", "critical"), ("boiler-3", "warning")], alerts.Select(a => (a.Sensor, a.Severity)));
            Assert.Equal(0, await readings.CountAsync(default));
        }
        finally
        {
            await stop.CancelAsync();
            try { await running; } catch (OperationCanceledException) { }
        }
    }

    private static async Task<List<Alert>> AlertsAsync(string db)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT body FROM codefirst_queue_messages WHERE queue = @q", connection);
        command.Parameters.AddWithValue("q", IotAssets.AlertsQueue);
        var alerts = new List<Alert>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) alerts.Add(JsonSerializer.Deserialize<Alert>(reader.GetString(0), JsonSerializerOptions.Web)!);
        return alerts;
    }
}
