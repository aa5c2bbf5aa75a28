namespace CodeFirst.EventDags;

/// <summary>One run per watched message (the asset is per-event when a test watcher is configured).</summary>
[Dag("ev_per_message", Schedule = "asset:test://messages", MaxActiveRuns = 1000)]
public sealed partial class EvPerMessage
{
    [Task]
    public static void Consume() { }
}
