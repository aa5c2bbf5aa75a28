using System.Reflection;
using CodeFirst.Runtime.Storage;
using CodeFirst.Runtime.Triggers;

namespace CodeFirst.Runtime.Tests.Triggers;

public sealed class TriggerFireBatcherTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task FireAsync_FiresArrivingDuringACommit_GoTogetherInTheNextTransaction()
    {
        var (store, fake) = FakeTriggerStore.Create();
        var batcher = new TriggerFireBatcher(store, TimeProvider.System);

        var first = batcher.FireAsync(1, "{}");
        var firstCommit = await fake.Commits.Reader.ReadAsync().AsTask().WaitAsync(Timeout);
        var rest = new[] { 2L, 3L, 4L }.Select(id => batcher.FireAsync(id, "{}")).ToArray();
        firstCommit.Release.SetResult();
        var secondCommit = await fake.Commits.Reader.ReadAsync().AsTask().WaitAsync(Timeout);
        secondCommit.Release.SetResult();

        Assert.Equal([1L], firstCommit.Ids);
        Assert.Equal([2L, 3L, 4L], secondCommit.Ids);
        Assert.True(await first.WaitAsync(Timeout));
        var restFired = await Task.WhenAll(rest).WaitAsync(Timeout);
        Assert.All(restFired, Assert.True);
    }

    [Fact]
    public async Task FireAsync_TriggerNoLongerDeferred_FalseForItOnly()
    {
        var (store, fake) = FakeTriggerStore.Create(notDeferred: 2);
        var batcher = new TriggerFireBatcher(store, TimeProvider.System);

        var first = batcher.FireAsync(1, "{}");
        var commit = await fake.Commits.Reader.ReadAsync().AsTask().WaitAsync(Timeout);
        var second = batcher.FireAsync(2, "{}");
        commit.Release.SetResult();
        (await fake.Commits.Reader.ReadAsync().AsTask().WaitAsync(Timeout)).Release.SetResult();

        Assert.True(await first.WaitAsync(Timeout));
        Assert.False(await second.WaitAsync(Timeout));
    }

    [Fact]
    public async Task FireAsync_CommitFails_EveryCallerOfThatBatchSeesTheError()
    {
        var (store, fake) = FakeTriggerStore.Create();
        var batcher = new TriggerFireBatcher(store, TimeProvider.System);

        var fire = batcher.FireAsync(1, "{}");
        (await fake.Commits.Reader.ReadAsync().AsTask().WaitAsync(Timeout)).Release.SetException(new InvalidOperationException("database gone"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => fire.WaitAsync(Timeout));
        Assert.Equal("database gone", error.Message);
    }

    /// <summary>An ITriggerStore whose FireTriggersAsync waits until the test releases each commit; every other call fails.</summary>
    public class FakeTriggerStore : DispatchProxy
    {
        private long _notDeferred = -1;

        public sealed record Commit(long[] Ids, TaskCompletionSource Release);

        public System.Threading.Channels.Channel<Commit> Commits { get; } = System.Threading.Channels.Channel.CreateUnbounded<Commit>();

        public static (ITriggerStore Store, FakeTriggerStore Fake) Create(long notDeferred = -1)
        {
            var store = Create<ITriggerStore, FakeTriggerStore>();
            var fake = (FakeTriggerStore)(object)store;
            fake._notDeferred = notDeferred;
            return (store, fake);
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod!.Name == nameof(ITriggerStore.FireTriggersAsync)
            ? FireAsync((IReadOnlyList<TriggerFiring>)args![0]!)
            : throw new NotSupportedException(targetMethod.Name);

        private async Task<IReadOnlySet<long>> FireAsync(IReadOnlyList<TriggerFiring> firings)
        {
            var commit = new Commit([.. firings.Select(f => f.TriggerId)], new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            await Commits.Writer.WriteAsync(commit);
            await commit.Release.Task;
            return firings.Select(f => f.TriggerId).Where(id => id != _notDeferred).ToHashSet();
        }
    }
}
