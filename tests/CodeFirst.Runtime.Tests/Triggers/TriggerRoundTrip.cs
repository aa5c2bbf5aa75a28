using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.Storage;
using CodeFirst.Runtime.Triggers;
using CodeFirst.Triggers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CodeFirst.Runtime.Tests.Triggers;

/// <summary>Stores a trigger as the runtime does and rebuilds it as a triggerer would.</summary>
internal static class TriggerRoundTrip
{
    public static T Rebuild<T>(T trigger, IStore store) where T : Trigger
    {
        var stored = TriggerFactory.Describe(trigger, null);
        var record = new TriggerRecord(1, 1, "dag", "run", "task", stored.Kind, stored.Arguments, DateTimeOffset.UnixEpoch, null);
        return Assert.IsType<T>(new TriggerFactory(new DagBag([]), store, TimeProvider.System).Create(record));
    }

    public static TriggerContext Context(TimeProvider time) =>
        new() { Services = new ServiceCollection().BuildServiceProvider(), Time = time, Log = NullLogger.Instance, DagId = "dag", RunId = "run", TaskId = "task" };
}
