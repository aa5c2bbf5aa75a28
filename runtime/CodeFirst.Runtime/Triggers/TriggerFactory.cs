using System.Text.Json;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.Storage;
using CodeFirst.Triggers;

namespace CodeFirst.Runtime.Triggers;

/// <summary>Stores triggers as kind + JSON and rebuilds them in whichever triggerer claims them (Airflow's classpath + kwargs).</summary>
internal sealed class TriggerFactory(DagBag dags, IStore store, TimeProvider time)
{
    public static NewTrigger Describe(Trigger trigger, DateTimeOffset? timeoutAt)
    {
        var type = trigger.GetType();
        return new NewTrigger(KindOf(type), JsonSerializer.Serialize(trigger, type, XComJson.Options), timeoutAt);
    }

    public static string KindOf(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    public Trigger Create(TriggerRecord record)
    {
        if (record.Kind == SensorTrigger.Kind) return new SensorTrigger(dags, store, time, SensorTrigger.Read(record.Arguments));
        var type = Type.GetType(record.Kind, throwOnError: false)
            ?? throw new InvalidOperationException($"Trigger type '{record.Kind}' is not loaded in this triggerer; run the triggerer from the same DAG application.");
        if (!typeof(Trigger).IsAssignableFrom(type)) throw new InvalidOperationException($"'{record.Kind}' is not a CodeFirst.Triggers.Trigger.");
        var trigger = (Trigger)(JsonSerializer.Deserialize(record.Arguments, type, XComJson.Options)
            ?? throw new InvalidOperationException($"Trigger '{record.Kind}' has empty arguments."));
        if (trigger is ExternalTaskTrigger external) external.Store = store;
        if (trigger is AssetUpdatedTrigger asset) asset.Store = store as IAssetStore;
        return trigger;
    }
}
