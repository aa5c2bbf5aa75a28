using CodeFirst.Runtime.Assets;

namespace CodeFirst.Runtime.Scheduling;

/// <summary>
/// An asset schedule: never due by the clock. The scheduler creates a run when <see cref="Condition"/>
/// holds over the assets updated since the DAG's last asset-triggered run.
/// </summary>
public sealed class AssetTimetable(AssetCondition condition) : ITimetable
{
    public AssetCondition Condition { get; } = condition;

    public string Summary => "on asset updates " + Condition;

    public DagRunInfo? NextDagRunInfo(DataInterval? lastAutomated, TimeRestriction restriction, DateTimeOffset now) => null;

    public DataInterval InferManualDataInterval(DateTimeOffset runAfter) => new(runAfter.ToUniversalTime(), runAfter.ToUniversalTime());
}
