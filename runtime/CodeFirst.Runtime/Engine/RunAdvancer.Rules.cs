using CodeFirst.Definitions;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Engine;

internal static partial class RunAdvancer
{
    /// <summary>
    /// Airflow's all_done_setup_success, a teardown's effective trigger rule: wait until every
    /// upstream task is done; then skip when all its setups were skipped, upstream_failed when none
    /// succeeded, else run — even if the work between failed.
    /// </summary>
    private static TaskInstanceState? TeardownTarget(DagDefinition dag, TaskDefinition task, RunStates states)
    {
        var counts = UpstreamCounts.Of(task.Upstream.SelectMany(states.StatesOf));
        if (!counts.AllDone) return null;
        var setups = task.Upstream.Where(u => dag.FindTask(u)?.IsSetup == true).Select(states.Group).ToList();
        if (setups.Count == 0) return TaskInstanceState.Queued;
        if (setups.All(s => s == TaskInstanceState.Skipped)) return TaskInstanceState.Skipped;
        return setups.Any(s => s == TaskInstanceState.Success) ? TaskInstanceState.Queued : TaskInstanceState.UpstreamFailed;
    }

    /// <summary>
    /// depends_on_past: the same task in the previous run succeeded or was skipped (a first run, or a
    /// previous run without the task, passes); wait_for_downstream also needs that instance's direct
    /// downstream tasks to have succeeded or been skipped.
    /// </summary>
    private static async Task<bool> PastAllowsAsync(IRunTransaction tx, DagDefinition dag, TaskDefinition task, CancellationToken cancellationToken)
    {
        var needed = new List<string> { task.TaskId };
        if (task.WaitForDownstream) needed.AddRange(dag.Downstream(task.TaskId));
        var previous = await tx.GetPreviousRunStatesAsync(needed, cancellationToken);
        if (previous is null || !previous.ContainsKey(task.TaskId)) return true;
        return needed.All(id => !previous.TryGetValue(id, out var state) || state is TaskInstanceState.Success or TaskInstanceState.Skipped);
    }

    /// <summary>
    /// Airflow: the run fails when a leaf failed or is upstream_failed and succeeds when every leaf
    /// succeeded or was skipped. Teardowns do not count: the leaves are the non-teardown tasks whose
    /// downstream tasks are all teardowns (only teardowns when the DAG has nothing else). Every
    /// instance of a mapped leaf counts: one failed instance fails the run.
    /// </summary>
    private static async Task<DagRunState?> CompleteIfDoneAsync(IRunTransaction tx, DagDefinition dag, RunStates states, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!states.AllFinished) return null;
        var leaves = dag.Tasks.Where(t => !t.IsTeardown && dag.Downstream(t.TaskId).All(d => dag.FindTask(d)?.IsTeardown == true)).ToList();
        if (leaves.Count == 0) leaves = dag.Tasks.Where(t => t.IsTeardown).ToList();
        var leafFailed = leaves.Any(t => states.StatesOf(t.TaskId).Any(s => s is TaskInstanceState.Failed or TaskInstanceState.UpstreamFailed));
        var final = leafFailed ? DagRunState.Failed : DagRunState.Success;
        return await tx.SetRunStateAsync(DagRunState.Running, final, now, cancellationToken) ? final : null;
    }
}
