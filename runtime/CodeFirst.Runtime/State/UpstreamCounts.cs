namespace CodeFirst.Runtime.State;

/// <summary>How many of a task's direct upstream task instances are in each finished state.</summary>
public readonly record struct UpstreamCounts(int Upstream, int Success, int Skipped, int Failed, int UpstreamFailed, int Removed)
{
    /// <summary>Finished upstream tasks, counted as Airflow counts "done".</summary>
    public int Done => Success + Skipped + Failed + UpstreamFailed + Removed;

    public bool AllDone => Done >= Upstream;

    public static UpstreamCounts Of(IEnumerable<TaskInstanceState> upstreamStates)
    {
        int upstream = 0, success = 0, skipped = 0, failed = 0, upstreamFailed = 0, removed = 0;
        foreach (var state in upstreamStates)
        {
            upstream++;
            switch (state)
            {
                case TaskInstanceState.Success: success++; break;
                case TaskInstanceState.Skipped: skipped++; break;
                case TaskInstanceState.Failed: failed++; break;
                case TaskInstanceState.UpstreamFailed: upstreamFailed++; break;
                case TaskInstanceState.Removed: removed++; break;
            }
        }
        return new UpstreamCounts(upstream, success, skipped, failed, upstreamFailed, removed);
    }
}
