namespace CodeFirst.Runtime.Storage;

/// <summary>Why a run exists; the prefix of its run id, as in Airflow.</summary>
public enum DagRunType
{
    Scheduled,
    Manual,
    Backfill,
    AssetTriggered,
}
