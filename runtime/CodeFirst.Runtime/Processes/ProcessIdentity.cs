using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Processes;

/// <summary>Who this process is in the registry: its id (the engine's worker id), its roles, where it runs and what it serves.</summary>
internal sealed record ProcessIdentity(string Id, string Role, string Hostname, int Pid, IReadOnlyList<string>? Queues, int Concurrency)
{
    /// <summary>The role shown for a process running the given roles: all three together are <c>standalone</c>.</summary>
    public static string RoleName(bool scheduler, bool worker, bool triggerer)
    {
        if (scheduler && worker && triggerer) return "standalone";
        var roles = new List<string>(3);
        if (scheduler) roles.Add("scheduler");
        if (worker) roles.Add("worker");
        if (triggerer) roles.Add("triggerer");
        return string.Join('+', roles);
    }

    public ProcessRecord Snapshot(DateTimeOffset startedAt, DateTimeOffset now, TimeSpan interval, int runningTasks, int runningTriggers) =>
        new(Id, Role, Hostname, Pid, Queues, Concurrency, startedAt, now, interval, runningTasks, runningTriggers);
}
