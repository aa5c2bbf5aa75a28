namespace CodeFirst.Runtime.Storage;

/// <summary>Backfills and their dates: the scheduler works through them, so they survive restarts.</summary>
public interface IBackfillStore
{
    /// <summary>
    /// Creates a running backfill with its dates in one transaction; throws
    /// <see cref="InvalidOperationException"/> when the DAG already has a running backfill.
    /// </summary>
    Task<BackfillRecord> CreateBackfillAsync(NewBackfill backfill, IReadOnlyList<NewBackfillDate> dates, DateTimeOffset now, CancellationToken cancellationToken);

    Task<BackfillRecord?> GetBackfillAsync(long id, CancellationToken cancellationToken);

    /// <summary>Backfills, newest first, of one DAG or all; only running ones when asked.</summary>
    Task<IReadOnlyList<BackfillRecord>> ListBackfillsAsync(string? dagId, bool runningOnly, CancellationToken cancellationToken);

    /// <summary>A backfill's dates in sort order, with the run each got.</summary>
    Task<IReadOnlyList<BackfillDateRecord>> ListBackfillDatesAsync(long backfillId, CancellationToken cancellationToken);

    /// <summary>Records what became of a pending date: its run (created or cleared) or skipped. False when it was not pending.</summary>
    Task<bool> SetBackfillDateAsync(long backfillId, int sortOrdinal, long? runPk, BackfillDateState state, CancellationToken cancellationToken);

    /// <summary>Moves a backfill from running to <paramref name="to"/> (completed or canceled); false when it was not running.</summary>
    Task<bool> FinishBackfillAsync(long id, BackfillState to, DateTimeOffset now, CancellationToken cancellationToken);
}
