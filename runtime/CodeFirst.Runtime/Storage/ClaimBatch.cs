using System.Collections;

namespace CodeFirst.Runtime.Storage;

/// <summary>What a claim took, and whether limits (pools, MaxActiveTasks, parallelism) held claimable work back.</summary>
public sealed class ClaimBatch(IReadOnlyList<ClaimedTask> tasks, bool heldBack) : IReadOnlyList<ClaimedTask>
{
    public static ClaimBatch Empty { get; } = new([], false);

    /// <summary>
    /// True when claimable instances may have been left because a limit was reached: a worker then
    /// claims again as soon as one of its own tasks ends, instead of waiting for its poll.
    /// </summary>
    public bool HeldBack => heldBack;

    public ClaimedTask this[int index] => tasks[index];
    public int Count => tasks.Count;
    public IEnumerator<ClaimedTask> GetEnumerator() => tasks.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
