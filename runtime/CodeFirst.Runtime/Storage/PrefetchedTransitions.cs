using CodeFirst.Runtime.State;

namespace CodeFirst.Runtime.Storage;

/// <summary>
/// The results of <see cref="IRunTransaction.PrefetchTransitionsAsync"/>, handed out to the identical
/// <see cref="IRunTransaction.TransitionAndCountUnfinishedAsync"/> calls that follow, in order. Every
/// prefetched transition ends an instance (from an unfinished to a finished state) or moves nothing, so
/// one count after the last gives each the count after it: the final count plus the later ones that moved.
/// </summary>
internal sealed class PrefetchedTransitions
{
    private readonly Queue<(PlannedTransition Planned, bool Moved, int Unfinished)> _results = new();

    /// <summary>Refuses what the counting rule does not hold for.</summary>
    public static void Validate(IReadOnlyList<PlannedTransition> transitions)
    {
        if (transitions.Any(t => !t.To.IsFinished() || t.Expected.Any(e => e.IsFinished())))
            throw new ArgumentException("Only transitions from unfinished to finished states can be prefetched.", nameof(transitions));
    }

    /// <param name="moved">Whether each planned transition moved its instance, in order.</param>
    /// <param name="unfinished">The run's unfinished instances after the last one.</param>
    public void Add(IReadOnlyList<PlannedTransition> transitions, IReadOnlyList<bool> moved, int unfinished)
    {
        var movedAfter = moved.Count(m => m);
        for (var i = 0; i < transitions.Count; i++)
        {
            if (moved[i]) movedAfter--;
            _results.Enqueue((transitions[i], moved[i], unfinished + movedAfter));
        }
    }

    /// <summary>The prefetched result of this call; false when nothing is prefetched. A call out of order is a bug and throws.</summary>
    public bool TryTake(string taskId, TaskInstanceState to, TaskTransition details, out (bool Moved, int Unfinished) result)
    {
        result = default;
        if (!_results.TryPeek(out var next)) return false;
        if (next.Planned.TaskId != taskId || next.Planned.To != to || next.Planned.Details.MapIndex != details.MapIndex)
            throw new InvalidOperationException($"Transition of '{taskId}' does not match the next prefetched one ('{next.Planned.TaskId}').");
        _results.Dequeue();
        result = next.Moved ? (true, next.Unfinished) : (false, 0);
        return true;
    }
}
