namespace CodeFirst.Runtime.Storage;

/// <summary>What both stores build when a run transaction starts one of its queued instances itself.</summary>
internal static class RunningInstances
{
    public static ClaimedTask Claimed(DagRunRecord run, string taskId, int mapIndex, long id, int tryNumber, int maxTries, string? triggerEvent) =>
        new(id, run.Id, run.DagId, run.RunId, taskId, tryNumber, maxTries, run.LogicalDate, run.DataIntervalStart, run.DataIntervalEnd, run.Conf)
        {
            TriggerEvent = triggerEvent,
            MapIndex = mapIndex,
        };
}
