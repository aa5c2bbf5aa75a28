namespace CodeFirst.Runtime.Storage;

/// <summary>What a process row says about its process.</summary>
public enum ProcessStatus
{
    /// <summary>It heartbeats on time.</summary>
    Running,

    /// <summary>It shut down cleanly and said so.</summary>
    Stopped,

    /// <summary>It stopped heartbeating without saying so: killed, crashed or cut off from the database.</summary>
    Dead,
}
