using System.Diagnostics;
using CodeFirst.Runtime.Tests.Support;
using CodeFirst.Watchers.Tests.Support;

namespace CodeFirst.Watchers.Tests.Queues;

[Collection(QueueServers.Name)]
public sealed class PostgresQueueWatcherTests(PostgresServer postgres)
{
    [Fact]
    public async Task ReadAsync_MessageDeliveredButNeverAcknowledged_DeliveredAgainAfterTheVisibilityTimeout()
    {
        var queue = new PostgresQueue(await postgres.CreateDatabaseAsync("pgqueue"), "q");
        await queue.EnsureCreatedAsync(default);
        var first = await queue.PublishAsync("one", default);
        var second = await queue.PublishAsync("two", default);
        var watcher = new PostgresQueueWatcher(queue) { VisibilityTimeout = TimeSpan.FromSeconds(1), PollInterval = TimeSpan.FromMilliseconds(100) };

        // Started before the first claim, which hides the messages until at least a second later.
        var clock = Stopwatch.StartNew();
        var crashed = await WatcherReading.TakeAsync(watcher, 1, acknowledge: false);
        var again = await WatcherReading.TakeAsync(watcher, 2, acknowledge: true);

        Assert.Equal($"{first}", crashed.Single().MessageId);
        Assert.Equal([$"{first}", $"{second}"], again.Select(m => m.MessageId));
        Assert.Equal(["one", "two"], again.Select(m => m.Body));
        // Both were claimed in one batch and hidden; only the timeout made them visible again.
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"redelivered after {clock.Elapsed}");
        Assert.Equal(0, await queue.CountAsync(default));
    }

    [Fact]
    public async Task ReadAsync_IdleWatcher_WokenByNotifyWellBeforeItsPoll()
    {
        var db = await postgres.CreateDatabaseAsync("pgqueue");
        var queue = new PostgresQueue(db, "q");
        await queue.EnsureCreatedAsync(default);
        var watcher = new PostgresQueueWatcher(queue) { PollInterval = TimeSpan.FromMinutes(5) };

        var reading = WatcherReading.TakeAsync(watcher, 1, acknowledge: true);
        await FirstClaimDoneAsync(db);
        var id = await queue.PublishAsync("""{"n":1}""", default);
        var message = Assert.Single(await reading);

        Assert.Equal($"{id}", message.MessageId);
    }

    /// <summary>Waits until the watcher's first (empty) claim has finished, so only a NOTIFY can bring the next message in time.</summary>
    private static async Task FirstClaimDoneAsync(string db)
    {
        await using var connection = new Npgsql.NpgsqlConnection(db);
        await connection.OpenAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle' AND query LIKE 'UPDATE codefirst_queue_messages%'", connection);
        // The watcher runs in this process but reports nothing: its connection's state in the server is what can be observed.
        while ((long)(await command.ExecuteScalarAsync(limit.Token))! == 0) await Task.Delay(20, limit.Token);
    }
}
