using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.Tests.Support;
using CodeFirst.Watchers;
using Microsoft.Extensions.DependencyInjection;
using static CodeFirst.Runtime.Tests.Support.TestDag;

namespace CodeFirst.Runtime.Tests.Watchers;

/// <summary>The triggerer's asset watchers on the embedded store: messages become events, acknowledged after the commit, once each.</summary>
public sealed class WatcherRunnerTests
{
    private const string Uri = "q://readings";

    private static EngineHarness Harness(InMemoryQueueWatcher watcher, Action<IServiceCollection>? more = null) =>
        new([new() { DagId = "consumer", Schedule = "asset:" + Uri, Tasks = [Task("t", _ => null)] }],
            s => { s.AddAssetWatcher(Uri, "fake", _ => watcher); more?.Invoke(s); },
            new EngineOptions { Concurrency = 1, PollInterval = TimeSpan.FromMilliseconds(50) }) { RunTriggerer = true };

    [Fact]
    public async System.Threading.Tasks.Task Triggerer_Messages_EachBecomesOneEventRecordedBeforeItsAcknowledgement()
    {
        EngineHarness? harness = null;
        var unrecordedAtAck = new List<string>();
        var acked = 0;
        var allAcked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watcher = new InMemoryQueueWatcher
        {
            OnAcknowledge = async (id, ct) =>
            {
                var events = await harness!.Store.ListAssetEventsAsync(Uri, 100, ct);
                if (!events.Any(e => e.MessageId == "fake/" + id)) unrecordedAtAck.Add(id);
                if (Interlocked.Increment(ref acked) == 3) allAcked.TrySetResult();
            },
        };
        watcher.Publish("1", """{"celsius":21}""");
        watcher.Publish("2", "not json");
        watcher.Publish("3", "[1,2]");
        await using (harness = Harness(watcher))
        {
            await harness.StartWorkerAsync();
            await allAcked.Task.WaitAsync(TimeSpan.FromSeconds(30));

            var events = (await harness.Store.ListAssetEventsAsync(Uri, 100, default)).OrderBy(e => e.Id).ToList();
            Assert.Empty(unrecordedAtAck);
            Assert.Equal(["fake/1", "fake/2", "fake/3"], events.Select(e => e.MessageId));
            Assert.Equal(["""{"celsius":21}""", """{"body":"not json"}""", """{"body":"[1,2]"}"""], events.Select(e => e.PayloadJson));
            Assert.Equal(["fake"], harness.Engine.RunningWatchers);
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task Triggerer_AcknowledgementFailsAfterCommit_RedeliveredMessageIsNotASecondEvent()
    {
        var failures = 1;
        var acked = 0;
        var allAcked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watcher = new InMemoryQueueWatcher
        {
            OnAcknowledge = (id, _) =>
            {
                // The crash window: the event is committed, the broker never hears the ack.
                if (id == "2" && Interlocked.Decrement(ref failures) >= 0) throw new IOException("connection reset while acknowledging");
                if (Interlocked.Increment(ref acked) == 3) allAcked.TrySetResult();
                return System.Threading.Tasks.Task.CompletedTask;
            },
        };
        for (var n = 1; n <= 3; n++) watcher.Publish(n.ToString(System.Globalization.CultureInfo.InvariantCulture), $$"""{"n":{{n}}}""");
        await using var harness = Harness(watcher);

        await harness.StartWorkerAsync();
        await allAcked.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, watcher.Reads);
        Assert.Equal(0, watcher.Unacknowledged);
        var events = await harness.Store.ListAssetEventsAsync(Uri, 100, default);
        Assert.Equal(["fake/1", "fake/2", "fake/3"], events.Select(e => e.MessageId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async System.Threading.Tasks.Task Triggerer_CleanStop_AnotherTriggererTakesTheWatcherOverAtOnce()
    {
        var acknowledged = new System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource>();
        TaskCompletionSource Acked(string id) => acknowledged.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        var watcher = new InMemoryQueueWatcher { OnAcknowledge = (id, _) => { Acked(id).TrySetResult(); return System.Threading.Tasks.Task.CompletedTask; } };
        var file = Path.Combine(Directory.CreateTempSubdirectory("codefirst-watchers-").FullName, "codefirst.db");
        // Long leases: a takeover within the test's patience can only come from the first triggerer giving its lease back.
        CodeFirstEngine Triggerer() => new(new Runtime.Storage.Sqlite.SqliteStore(file), [],
            new ServiceCollection().AddAssetWatcher(Uri, "fake", _ => watcher).BuildServiceProvider(),
            new EngineOptions { PollInterval = TimeSpan.FromMilliseconds(50), LeaseDuration = TimeSpan.FromMinutes(5) });
        var first = Triggerer();
        var second = Triggerer();
        using var stopFirst = new CancellationTokenSource();
        using var stopSecond = new CancellationTokenSource();
        var firstRunning = first.RunAsync(scheduler: false, worker: false, triggerer: true, stopFirst.Token);
        watcher.Publish("1", "{}");
        await Acked("1").Task.WaitAsync(TimeSpan.FromSeconds(30));
        var secondRunning = second.RunAsync(scheduler: false, worker: false, triggerer: true, stopSecond.Token);
        try
        {
            await stopFirst.CancelAsync();
            await firstRunning.WaitAsync(TimeSpan.FromSeconds(30));
            watcher.Publish("2", "{}");
            await Acked("2").Task.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Empty(first.RunningWatchers);
            Assert.Equal(["fake"], second.RunningWatchers);
            Assert.Equal(["fake/1", "fake/2"], (await ((Runtime.Storage.IAssetStore)second.Store).ListAssetEventsAsync(Uri, 10, default)).Select(e => e.MessageId).Order(StringComparer.Ordinal));
        }
        finally
        {
            await stopSecond.CancelAsync();
            await secondRunning.WaitAsync(TimeSpan.FromSeconds(30));
            await first.Store.DisposeAsync();
            await second.Store.DisposeAsync();
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    [Fact]
    public void Engine_TwoWatchersWithOneName_RefusesToStart()
    {
        var services = new ServiceCollection()
            .AddAssetWatcher("q://a", "same", _ => new InMemoryQueueWatcher())
            .AddAssetWatcher("q://b", "same", _ => new InMemoryQueueWatcher())
            .BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() =>
            new CodeFirstEngine(new Runtime.Storage.Sqlite.SqliteStore(Path.Combine(Path.GetTempPath(), $"cf-{Guid.NewGuid():N}.db")), [], services));

        Assert.Equal("Two asset watchers are named 'same'; each watcher needs a unique name (its lease and message ids are per name).", error.Message);
    }
}
