using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Triggers;

/// <summary>
/// Group commit for fired triggers. One trigger's fire is a tiny write, but each transaction waits for its
/// commit (a WAL flush on PostgreSQL); when thousands fire together (a gate opening, a shared time) that
/// flush, not the work, is what they wait for. So a fire that arrives while another batch commits waits
/// and goes with everything that arrived meanwhile, in one transaction. Each caller learns whether its own
/// trigger fired, exactly as alone.
/// </summary>
internal sealed class TriggerFireBatcher(ITriggerStore store, TimeProvider time)
{
    /// <summary>The most triggers one transaction fires.</summary>
    public const int MaxBatch = 500;

    private readonly Lock _gate = new();
    private readonly List<Pending> _waiting = [];
    private bool _committing;

    /// <summary>True when the trigger's instance was still deferred and is now queued.</summary>
    public async Task<bool> FireAsync(long triggerId, string eventJson)
    {
        var mine = new Pending(new TriggerFiring(triggerId, eventJson));
        bool lead;
        lock (_gate)
        {
            _waiting.Add(mine);
            lead = !_committing;
            _committing = true;
        }
        if (lead) await CommitNextAsync();
        return await mine.Done.Task;
    }

    /// <summary>Commits what waits now; whatever arrives meanwhile is the next batch, led on another thread so this caller returns.</summary>
    private async Task CommitNextAsync()
    {
        List<Pending> batch;
        lock (_gate)
        {
            batch = _waiting.Take(MaxBatch).ToList();
            _waiting.RemoveRange(0, batch.Count);
        }
        try
        {
            var fired = await store.FireTriggersAsync([.. batch.Select(p => p.Firing)], time.GetUtcNow(), CancellationToken.None);
            foreach (var pending in batch) pending.Done.TrySetResult(fired.Contains(pending.Firing.TriggerId));
        }
        catch (Exception e)
        {
            foreach (var pending in batch) pending.Done.TrySetException(e);
        }
        bool more;
        lock (_gate)
        {
            more = _waiting.Count > 0;
            _committing = more;
        }
        if (more) _ = Task.Run(CommitNextAsync);
    }

    private sealed class Pending(TriggerFiring firing)
    {
        public TriggerFiring Firing { get; } = firing;
        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
