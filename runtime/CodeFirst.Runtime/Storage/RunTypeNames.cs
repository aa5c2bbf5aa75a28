namespace CodeFirst.Runtime.Storage;

/// <summary>Airflow's run type names: the prefix of generated run ids and the stored value.</summary>
public static class RunTypeNames
{
    public static string Name(DagRunType type) => type switch
    {
        DagRunType.Scheduled => "scheduled",
        DagRunType.Manual => "manual",
        DagRunType.Backfill => "backfill",
        DagRunType.AssetTriggered => "asset_triggered",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static DagRunType Parse(string name) => name switch
    {
        "scheduled" => DagRunType.Scheduled,
        "manual" => DagRunType.Manual,
        "backfill" => DagRunType.Backfill,
        "asset_triggered" => DagRunType.AssetTriggered,
        _ => throw new FormatException($"Unknown run type '{name}'."),
    };
}
