using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Execution;

/// <summary>
/// Group commit for results of the same run. Finishing tasks of one run take turns on the run's lock
/// anyway, and on PostgreSQL each turn waits for its commit to reach the disk; so a result that arrives
/// while another of its run is being recorded waits for that commit and is then recorded together with
/// every other waiting result in one transaction. Each step runs exactly as it would alone (in arrival
/// order, seeing the steps before it), so a batch means the same as consecutive transactions.
/// </summary>
internal sealed class RunCommitBatcher(IStore store)
{
    /// <summary>The most results one transaction records.</summary>
    public const int MaxBatch = 64;

    private readonly Dictionary<long, Queue<Pending>> _waiting = [];
    private readonly Lock _gate = new();

    /// <summary>Runs <paramref name="step"/> in a committed run transaction, possibly shared with other steps of the run.</summary>
    /// <param name="plan">
    /// The step's first call, when it is a <see cref="IRunTransaction.TransitionAndCountUnfinishedAsync"/> and the step changes
    /// no other instance: a transaction whose steps all say so runs those calls together up front (one round trip on PostgreSQL).
    /// </param>
    public async Task<T> RecordAsync<T>(long runPk, Func<IRunTransaction, CancellationToken, Task<T>> step, CancellationToken cancellationToken, PlannedTransition? plan = null)
    {
        var mine = new Pending(async (tx, ct) => await step(tx, ct), plan);
        bool lead;
        lock (_gate)
        {
            lead = !_waiting.TryGetValue(runPk, out var queue);
            if (lead) _waiting[runPk] = new Queue<Pending>();
            else queue!.Enqueue(mine);
        }
        if (lead || await mine.Turn.Task) await LeadAsync(runPk, mine, cancellationToken);
        return (T)(await mine.Done.Task)!;
    }

    /// <summary>Records this step and every one waiting behind it, then hands the turn to whoever queued meanwhile.</summary>
    private async Task LeadAsync(long runPk, Pending mine, CancellationToken cancellationToken)
    {
        var batch = new List<Pending> { mine };
        Pending? next = null;
        try
        {
            lock (_gate)
            {
                var queue = _waiting[runPk];
                while (batch.Count < MaxBatch && queue.TryDequeue(out var waiting)) batch.Add(waiting);
            }
            await CommitAsync(runPk, batch, cancellationToken);
        }
        finally
        {
            lock (_gate)
            {
                var queue = _waiting[runPk];
                if (!queue.TryDequeue(out next)) _waiting.Remove(runPk);
            }
            foreach (var done in batch.Skip(1)) done.Turn.TrySetResult(false);
            next?.Turn.TrySetResult(true);
        }
    }

    private async Task CommitAsync(long runPk, List<Pending> batch, CancellationToken cancellationToken)
    {
        try
        {
            var results = await InOneTransactionAsync(runPk, batch, cancellationToken);
            for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(results[i]);
        }
        catch (Exception) when (batch.Count > 1)
        {
            // One step may be at fault: each goes alone, so one bad result cannot keep failing the others.
            foreach (var pending in batch)
            {
                try
                {
                    pending.Done.TrySetResult((await InOneTransactionAsync(runPk, [pending], cancellationToken))[0]);
                }
                catch (Exception alone)
                {
                    pending.Done.TrySetException(alone);
                }
            }
        }
        catch (Exception e)
        {
            batch[0].Done.TrySetException(e);
        }
    }

    private async Task<object?[]> InOneTransactionAsync(long runPk, List<Pending> batch, CancellationToken cancellationToken)
    {
        var results = new object?[batch.Count];
        await using var tx = await store.BeginRunTransactionAsync(runPk, cancellationToken);
        if (batch.Count > 1 && batch.All(p => p.Plan is not null))
            await tx.PrefetchTransitionsAsync([.. batch.Select(p => p.Plan!)], cancellationToken);
        for (var i = 0; i < batch.Count; i++) results[i] = await batch[i].Step(tx, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return results;
    }

    private sealed class Pending(Func<IRunTransaction, CancellationToken, Task<object?>> step, PlannedTransition? plan)
    {
        public Func<IRunTransaction, CancellationToken, Task<object?>> Step { get; } = step;

        public PlannedTransition? Plan { get; } = plan;

        /// <summary>True: this step now leads (records itself and those behind it); false: another leader recorded it.</summary>
        public TaskCompletionSource<bool> Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<object?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
