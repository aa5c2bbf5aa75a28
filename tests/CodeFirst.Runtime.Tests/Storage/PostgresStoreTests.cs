using System.Threading.Channels;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;
using CodeFirst.Runtime.Storage.Postgres;
using CodeFirst.Runtime.Tests.Support;
using Npgsql;

namespace CodeFirst.Runtime.Tests.Storage;

/// <summary>What only PostgreSQL promises: many processes at once, and wake-ups between them.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static int _nextSchema;
    private readonly List<PostgresStore> _stores = [];
    private string _connectionString = "";
    private string _schema = "";

    public async Task InitializeAsync()
    {
        _connectionString = await server.GetDatabaseAsync(nameof(PostgresStoreTests));
        _schema = $"postgres_only_{Interlocked.Increment(ref _nextSchema)}";
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _stores) await store.DisposeAsync();
    }

    [Fact]
    public async Task MigrateAsync_FourProcessesOnFreshDatabase_AllSucceedAndApplyEachVersionOnce()
    {
        var database = await server.CreateDatabaseAsync("migrate");
        var stores = Enumerable.Range(0, 4).Select(_ => Track(new PostgresStore(database))).ToArray();

        await Task.WhenAll(stores.Select(s => Task.Run(() => s.MigrateAsync(default))));

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var versions = new NpgsqlCommand("SELECT version FROM codefirst.schema_migrations ORDER BY version;", connection);
        var applied = new List<int>();
        await using (var reader = await versions.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) applied.Add(reader.GetInt32(0));
        }
        Assert.Equal(PostgresMigrations.Steps.Select(s => s.Version), applied);
        Assert.Empty(await stores[3].ListDagsAsync(default));
    }

    [Fact]
    public async Task ClaimAsync_FourProcessesClaimAtOnce_EachInstanceClaimedExactlyOnce()
    {
        var store = await MigratedStoreAsync();
        var run = await CreateRunAsync(store, "r1", taskCount: 500);
        await store.SetPoolAsync("default_pool", 500, null, default); // 128 slots by default, as in Airflow
        await QueueAsync(store, run, (await store.ListTaskInstancesAsync(run.Id, default)).Select(t => t.TaskId));
        var claimers = Enumerable.Range(0, 4).Select(_ => Track(new PostgresStore(_connectionString, Options))).ToArray();

        var claims = await Task.WhenAll(claimers.Select((s, i) => Task.Run(() => ClaimAllAsync(s, $"worker-{i}"))));

        var claimed = claims.SelectMany(c => c).ToList();
        Assert.Equal(500, claimed.Count);
        Assert.Equal(500, claimed.Select(c => c.Id).Distinct().Count());
        var owners = claims.SelectMany((c, i) => c.Select(t => (t.TaskId, Worker: $"worker-{i}"))).ToDictionary(x => x.TaskId, x => x.Worker);
        Assert.All(await store.ListTaskInstancesAsync(run.Id, default), ti =>
        {
            Assert.Equal(TaskInstanceState.Running, ti.State);
            Assert.Equal(1, ti.TryNumber);
            Assert.Equal(owners[ti.TaskId], ti.WorkerId);
        });
    }

    [Fact]
    public async Task ClaimAsync_ClaimHeldOpenOnPoolA_ClaimOnPoolBProceedsAndPoolAWaits()
    {
        var store = await MigratedStoreAsync();
        await store.SetPoolAsync("a", 5, null, default);
        await store.SetPoolAsync("b", 5, null, default);
        var tasks = new[] { new NewTaskInstance("a1", 1, 1, "qa", "a"), new NewTaskInstance("a2", 1, 1, "qa2", "a"), new NewTaskInstance("b1", 1, 1, "qb", "b") };
        var run = (await store.CreateRunAsync(new NewDagRun("dag", "r1", DagRunType.Manual, Now, Now, Now, "{}", tasks), Now, default))!;
        await QueueAsync(store, run, ["a1", "a2", "b1"]);
        var holder = Track(new PostgresStore(_connectionString, Options));
        var other = Track(new PostgresStore(_connectionString, Options));
        var inside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        holder.ClaimPauseForTests = async cancellationToken =>
        {
            inside.TrySetResult();
            await release.Task.WaitAsync(Timeout, cancellationToken);
        };

        // The holder is inside its claim of pool a (queue qa): it holds a's row lock. Pool b's claim goes
        // through meanwhile; a claim of pool a's other queue waits for a's row.
        var held = holder.ClaimAsync(new ClaimRequest("holder", 1, Now, Now.AddSeconds(30)) { Queues = ["qa"] }, default);
        await inside.Task.WaitAsync(Timeout);
        var poolB = await other.ClaimAsync(new ClaimRequest("other", 5, Now, Now.AddSeconds(30)) { Queues = ["qb"] }, default).WaitAsync(Timeout);
        var poolA = other.ClaimAsync(new ClaimRequest("other", 5, Now, Now.AddSeconds(30)) { Queues = ["qa2"] }, default);
        await WaitUntilAsync(async () => await CountLockWaitersAsync() == 1);
        var waitedForA = !poolA.IsCompleted;
        release.SetResult();

        Assert.Equal("b1", Assert.Single(poolB).TaskId);
        Assert.True(waitedForA);
        Assert.Equal("a1", Assert.Single(await held.WaitAsync(Timeout)).TaskId);
        Assert.Equal("a2", Assert.Single(await poolA.WaitAsync(Timeout)).TaskId);
    }

    [Fact]
    public async Task BeginRunTransactionAsync_SameRunInTwoProcesses_SecondWaitsForFirstCommit()
    {
        var store = await MigratedStoreAsync();
        var other = Track(new PostgresStore(_connectionString, Options));
        var run = await CreateRunAsync(store, "r1", taskCount: 1);

        var first = await store.BeginRunTransactionAsync(run.Id, default);
        var second = other.BeginRunTransactionAsync(run.Id, default);
        await WaitUntilAsync(async () => await CountLockWaitersAsync() == 1);
        Assert.False(second.IsCompleted);
        Assert.True(await first.TransitionAsync("t0", [TaskInstanceState.None], TaskInstanceState.Queued, new TaskTransition(Now), default));
        await first.CommitAsync(default);
        await first.DisposeAsync();

        await using var tx = await second.WaitAsync(Timeout);
        Assert.Equal(TaskInstanceState.Queued, (await tx.GetTaskStatesAsync(default))["t0"]);
        Assert.False(await tx.TransitionAsync("t0", [TaskInstanceState.None], TaskInstanceState.Queued, new TaskTransition(Now), default));
    }

    [Fact]
    public async Task ListenAsync_NotifyFromAnotherStore_WakesListener()
    {
        var store = await MigratedStoreAsync();
        var listener = Track(new PostgresStore(_connectionString, Options));
        var wakes = Channel.CreateUnbounded<StoreWakeUp>();
        using var stop = new CancellationTokenSource();
        var listening = listener.ListenAsync(w => wakes.Writer.TryWrite(w), stop.Token);
        try
        {
            await ExpectConnectedAsync(wakes.Reader);

            var run = await CreateRunAsync(store, "r1", taskCount: 2);
            Assert.Equal(StoreWakeUp.Scheduler, await wakes.Reader.ReadAsync().AsTask().WaitAsync(Timeout));

            await QueueAsync(store, run, ["t0", "t1"]);
            await CreateRunAsync(store, "r2", taskCount: 1);
            // Two instances queued in one commit wake workers once: the next wake-up is the second run's.
            Assert.Equal(StoreWakeUp.Work, await wakes.Reader.ReadAsync().AsTask().WaitAsync(Timeout));
            Assert.Equal(StoreWakeUp.Scheduler, await wakes.Reader.ReadAsync().AsTask().WaitAsync(Timeout));
        }
        finally
        {
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => listening);
        }
    }

    [Fact]
    public async Task ListenAsync_WorkersWokenBy_WorkWakeUpCarriesThatWorkerAndOthersNone()
    {
        var store = await MigratedStoreAsync();
        var listener = Track(new PostgresStore(_connectionString, Options));
        var wakes = Channel.CreateUnbounded<(StoreWakeUp Wake, string? Origin)>();
        using var stop = new CancellationTokenSource();
        var listening = listener.ListenAsync((w, origin) => wakes.Writer.TryWrite((w, origin)), stop.Token);
        try
        {
            Assert.Equal((StoreWakeUp.Work, null), await wakes.Reader.ReadAsync().AsTask().WaitAsync(Timeout));
            Assert.Equal((StoreWakeUp.Scheduler, null), await wakes.Reader.ReadAsync().AsTask().WaitAsync(Timeout));
            var run = await CreateRunAsync(store, "r1", taskCount: 2);
            Assert.Equal((StoreWakeUp.Scheduler, null), await wakes.Reader.ReadAsync().AsTask().WaitAsync(Timeout));

            await using (var tx = await store.BeginRunTransactionAsync(run.Id, default))
            {
                tx.WorkersWokenBy("host:1:finisher");
                Assert.True(await tx.TransitionAsync("t0", [TaskInstanceState.None], TaskInstanceState.Queued, new TaskTransition(Now), default));
                await tx.CommitAsync(default);
            }
            Assert.Equal((StoreWakeUp.Work, "host:1:finisher"), await wakes.Reader.ReadAsync().AsTask().WaitAsync(Timeout));

            await QueueAsync(store, run, ["t1"]);
            Assert.Equal((StoreWakeUp.Work, null), await wakes.Reader.ReadAsync().AsTask().WaitAsync(Timeout));
        }
        finally
        {
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => listening);
        }
    }

    [Fact]
    public async Task ListenAsync_BackendTerminated_ReconnectsWakesAndStillReceivesNotifications()
    {
        var store = await MigratedStoreAsync();
        var listener = Track(new PostgresStore(_connectionString, Options));
        var wakes = Channel.CreateUnbounded<StoreWakeUp>();
        using var stop = new CancellationTokenSource();
        var listening = listener.ListenAsync(w => wakes.Writer.TryWrite(w), stop.Token);
        try
        {
            await ExpectConnectedAsync(wakes.Reader);

            Assert.Equal(1, await TerminateListenersAsync());
            await ExpectConnectedAsync(wakes.Reader); // reconnected: both wake-ups, since anything may have happened meanwhile

            await CreateRunAsync(store, "r1", taskCount: 1);
            Assert.Equal(StoreWakeUp.Scheduler, await wakes.Reader.ReadAsync().AsTask().WaitAsync(Timeout));
            Assert.False(listening.IsCompleted);
        }
        finally
        {
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => listening);
        }
    }

    [Fact]
    public async Task ClaimUpdate_QueueFilledInABurstBeforeAnyAnalyze_FindsItsRowsByPrimaryKey()
    {
        // 3,000 rows queued at once into a table autovacuum has not analyzed yet: the state a wide backfill
        // leaves. The claim's UPDATE must probe the primary key per planned row, not walk the queue index.
        var store = await MigratedStoreAsync();
        for (var i = 0; i < 30; i++) await CreateRunAsync(store, $"burst{i}", taskCount: 100);
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var setup = new NpgsqlCommand(
            $"SET LOCAL search_path TO {_schema}; UPDATE task_instances SET state = 'queued', queued_at = now(); SET LOCAL enable_bitmapscan = off; {PostgresStore.ClaimUpdateSettings}",
            connection, tx))
        {
            await setup.ExecuteNonQueryAsync();
        }
        long[] ids;
        await using (var first = new NpgsqlCommand("SELECT id FROM task_instances ORDER BY id LIMIT 32;", connection, tx))
        await using (var reader = await first.ExecuteReaderAsync())
        {
            var read = new List<long>();
            while (await reader.ReadAsync()) read.Add(reader.GetInt64(0));
            ids = [.. read];
        }

        await using var explain = new NpgsqlCommand("EXPLAIN (FORMAT JSON) " + PostgresStore.ClaimUpdate, connection, tx);
        explain.Parameters.AddWithValue("worker", "w1");
        explain.Parameters.AddWithValue("ids", ids);
        explain.Parameters.AddWithValue("now", Now);
        explain.Parameters.AddWithValue("lease", Now.AddSeconds(30));
        var plan = (string)(await explain.ExecuteScalarAsync())!;

        Assert.Contains("\"Index Name\": \"task_instances_pkey\"", plan);
        Assert.DoesNotContain("ix_task_instances_queue", plan);
    }

    [Fact]
    public void Constructor_SchemaNeedingQuotes_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => new PostgresStore(_connectionString, new PostgresStoreOptions { Schema = "bad; DROP" }));
    }

    private PostgresStoreOptions Options => new() { Schema = _schema };

    private PostgresStore Track(PostgresStore store)
    {
        _stores.Add(store);
        return store;
    }

    private async Task<PostgresStore> MigratedStoreAsync()
    {
        var store = Track(new PostgresStore(_connectionString, Options));
        await store.MigrateAsync(default);
        return store;
    }

    private static async Task<DagRunRecord> CreateRunAsync(IStore store, string runId, int taskCount)
    {
        var tasks = Enumerable.Range(0, taskCount).Select(i => new NewTaskInstance($"t{i}", 1, 1, "default")).ToArray();
        return (await store.CreateRunAsync(new NewDagRun("dag", runId, DagRunType.Manual, Now, Now, Now, "{}", tasks), Now, default))!;
    }

    private static async Task QueueAsync(IStore store, DagRunRecord run, IEnumerable<string> taskIds)
    {
        await using var tx = await store.BeginRunTransactionAsync(run.Id, default);
        foreach (var taskId in taskIds)
            Assert.True(await tx.TransitionAsync(taskId, [TaskInstanceState.None], TaskInstanceState.Queued, new TaskTransition(Now), default));
        await tx.CommitAsync(default);
    }

    private static async Task<List<ClaimedTask>> ClaimAllAsync(IStore store, string worker)
    {
        var all = new List<ClaimedTask>();
        while (true)
        {
            var batch = await store.ClaimAsync(worker, 10, Now, Now.AddSeconds(30), default);
            if (batch.Count == 0) return all;
            all.AddRange(batch);
        }
    }

    /// <summary>A (re)connected listener wakes both roles once, in this order.</summary>
    private static async Task ExpectConnectedAsync(ChannelReader<StoreWakeUp> wakes)
    {
        Assert.Equal(StoreWakeUp.Work, await wakes.ReadAsync().AsTask().WaitAsync(Timeout));
        Assert.Equal(StoreWakeUp.Scheduler, await wakes.ReadAsync().AsTask().WaitAsync(Timeout));
    }

    private async Task<int> TerminateListenersAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var kill = new NpgsqlCommand("""
            SELECT COUNT(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = 'codefirst-listener';
            """, connection);
        return Convert.ToInt32(await kill.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<int> CountLockWaitersAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock';", connection);
        return Convert.ToInt32(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Polls a condition that has no event to await (the server's lock table), bounded by the test timeout.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (!await condition())
            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
    }
}
