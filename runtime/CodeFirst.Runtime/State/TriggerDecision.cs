namespace CodeFirst.Runtime.State;

/// <summary>What a trigger rule makes of a waiting task instance given its upstream states.</summary>
public enum TriggerDecision
{
    /// <summary>Not decided yet: some upstream task has still to finish.</summary>
    Wait,
    /// <summary>Queue it.</summary>
    Run,
    /// <summary>Mark it skipped (and let its downstream decide in turn).</summary>
    Skip,
    /// <summary>Mark it upstream_failed (and let its downstream decide in turn).</summary>
    UpstreamFailed,
}
