using CodeFirst.EventDags;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.Storage.Postgres;
using CodeFirst.Runtime.Tests.Support;
using CodeFirst.Watchers.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CodeFirst.Watchers.Tests.Acceptance;

/// <summary>
/// The issue's acceptance test, once per queue: 1,000 messages are published while a real triggerer
/// process consumes them; it is killed with SIGKILL part-way; another triggerer takes the watcher over
/// after its lease runs out. Every message must end as exactly one asset event and one run.
/// </summary>
public abstract class TriggererKillTests(PostgresServer postgres) : IAsyncLifetime
{
    private const int Messages = 1000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90); // a failure limit for a loaded CI machine; a pass takes 15-25 s
    private readonly CancellationTokenSource _stop = new();
    private string _db = "";
    private PostgresStore _store = null!;
    private Task _scheduler = Task.CompletedTask;

    /// <summary>The watcher kind TestWatchers registers (CODEFIRST_TEST_WATCHER) and its name (the message ids' prefix).</summary>
    protected abstract (string Kind, string WatcherName) Watcher { get; }

    /// <summary>The connection string or URI the triggerers consume from; creates the queue if the broker needs it before publishing.</summary>
    protected abstract Task<string> PrepareQueueAsync(string db);

    /// <summary>Publishes message number <paramref name="n"/>; returns the id the watcher will see.</summary>
    protected abstract Task<string> PublishAsync(int n);

    /// <summary>Messages published and not yet acknowledged (ready or pending, as the queue can tell).</summary>
    protected abstract Task<long> OutstandingAsync();

    public async Task InitializeAsync()
    {
        _db = await postgres.CreateDatabaseAsync("watchers");
        _store = new PostgresStore(_db);
        await _store.MigrateAsync(default);
        await _store.SyncDagsAsync([(EvPerMessage.Definition.DagId, false)], default);
        await _store.SyncAssetReferencesAsync([(EvPerMessage.Definition.DagId, [TestWatchers.Uri])], default);
        // The scheduler runs here (not under test); the triggerers are the processes killed.
        var services = new ServiceCollection().AddAssetRunMode(TestWatchers.Uri, AssetRunMode.PerEvent).BuildServiceProvider();
        var engine = new CodeFirstEngine(_store, [EvPerMessage.Definition], services, new EngineOptions { PollInterval = TimeSpan.FromMilliseconds(200) });
        _scheduler = engine.RunAsync(scheduler: true, worker: false, _stop.Token);
    }

    protected async Task KillTriggererWhileConsuming_EveryMessageBecomesExactlyOneRun()
    {
        var target = await PrepareQueueAsync(_db);
        var environment = new Dictionary<string, string> { ["CODEFIRST_TEST_WATCHER"] = Watcher.Kind, ["CODEFIRST_TEST_WATCHER_TARGET"] = target };
        var published = new List<string>();
        await using var first = await TriggererProcess.StartAsync(_db, environment);
        var publisher = Task.Run(async () =>
        {
            for (var n = 0; n < Messages; n++)
            {
                published.Add(await PublishAsync(n));
                if (n % 25 == 24) await Task.Delay(40); // a steady stream, so the kill lands in the middle of it
            }
        });

        await WaitUntilAsync(async () => await CountAsync("SELECT count(*) FROM asset_events") >= 100, first);
        await first.KillAsync();
        var recordedAtKill = await CountAsync("SELECT count(*) FROM asset_events");
        await using var second = await TriggererProcess.StartAsync(_db, environment);
        await publisher.WaitAsync(Patience);
        await WaitUntilAsync(async () => await CountAsync("SELECT count(*) FROM dag_runs") >= Messages && await OutstandingAsync() == 0, second);

        Assert.InRange(recordedAtKill, 100, Messages - 1);
        var messageIds = await StringsAsync("SELECT message_id FROM asset_events WHERE uri = 'test://messages'");
        Assert.Equal(published.Select(id => $"{Watcher.WatcherName}/{id}").Order(StringComparer.Ordinal), messageIds.Order(StringComparer.Ordinal));
        var eventsPerRun = await StringsAsync("""
            SELECT count(l.event_id)::text FROM dag_runs r LEFT JOIN dag_run_asset_events l ON l.run_pk = r.id
            WHERE r.dag_id = 'ev_per_message' GROUP BY r.id
            """);
        Assert.Equal(Messages, eventsPerRun.Count);
        Assert.All(eventsPerRun, count => Assert.Equal("1", count));
        Assert.Equal(Messages, await CountAsync("SELECT count(DISTINCT event_id) FROM dag_run_asset_events"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM asset_dag_run_queue"));
    }

    private async Task WaitUntilAsync(Func<Task<bool>> condition, TriggererProcess triggerer)
    {
        using var limit = new CancellationTokenSource(Patience);
        // Progress lives in another process and database: polling is the only way to see it.
        while (!await condition())
        {
            try
            {
                await Task.Delay(100, limit.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Not done within {Patience}: {await CountAsync("SELECT count(*) FROM asset_events")} events, " +
                    $"{await CountAsync("SELECT count(*) FROM dag_runs")} runs, {await OutstandingAsync()} outstanding. Triggerer output:\n{triggerer.Output}");
            }
        }
    }

    /// <summary>The store's tables live in its own schema.</summary>
    private string StoreTables => new NpgsqlConnectionStringBuilder(_db) { SearchPath = "codefirst" }.ConnectionString;

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(StoreTables);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<string>> StringsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(StoreTables);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }

    /// <summary>Closes the test's own connections to the queue.</summary>
    protected virtual ValueTask DisposeQueueAsync() => ValueTask.CompletedTask;

    public async Task DisposeAsync()
    {
        await DisposeQueueAsync();
        await _stop.CancelAsync();
        try
        {
            await _scheduler;
        }
        catch (OperationCanceledException)
        {
            // Stopped in the middle of a pass.
        }
        await _store.DisposeAsync();
        _stop.Dispose();
    }
}
