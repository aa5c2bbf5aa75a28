using System.Globalization;
using CodeFirst.EventDags;
using CodeFirst.Runtime.Tests.Support;
using CodeFirst.Watchers.Tests.Support;

namespace CodeFirst.Watchers.Tests.Acceptance;

[Collection(QueueServers.Name)]
public sealed class PostgresQueueKillTests(PostgresServer postgres) : TriggererKillTests(postgres)
{
    private PostgresQueue _queue = null!;

    protected override (string Kind, string WatcherName) Watcher => ("postgres", "pg");

    protected override async Task<string> PrepareQueueAsync(string db)
    {
        _queue = new PostgresQueue(db, TestWatchers.Queue);
        await _queue.EnsureCreatedAsync(default);
        return db;
    }

    protected override async Task<string> PublishAsync(int n) =>
        (await _queue.PublishAsync($$"""{"n":{{n}}}""", default)).ToString(CultureInfo.InvariantCulture);

    protected override Task<long> OutstandingAsync() => _queue.CountAsync(default);

    [Fact]
    public Task KillNineTriggerer_ThousandMessages_EachExactlyOneRun() => KillTriggererWhileConsuming_EveryMessageBecomesExactlyOneRun();
}
