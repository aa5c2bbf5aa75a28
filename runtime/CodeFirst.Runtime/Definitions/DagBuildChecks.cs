using CodeFirst.Runtime.Scheduling;

namespace CodeFirst.Definitions;

/// <summary>The generator's checks, applied to a built definition; each message starts with the diagnostic id the generator uses.</summary>
internal static class DagBuildChecks
{
    public static List<string> Check(DagDefinition dag, IReadOnlyList<TaskDefinition> declared)
    {
        var errors = new List<string>();
        CheckIds(dag, declared, errors);
        CheckEdges(dag, errors);
        CheckSchedule(dag, errors);
        CheckNumbers(dag, errors);
        foreach (var task in dag.Tasks) CheckTask(task, errors);
        return errors;
    }

    private static void CheckIds(DagDefinition dag, IReadOnlyList<TaskDefinition> declared, List<string> errors)
    {
        if (!IsValidId(dag.DagId)) errors.Add($"CF0010: DAG id '{dag.DagId}' is invalid. {IdRule}");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var task in declared)
        {
            if (!IsValidId(task.TaskId)) errors.Add($"CF0010: Task id '{task.TaskId}' is invalid. {IdRule}");
            if (!seen.Add(task.TaskId)) errors.Add($"CF0006: Task id '{task.TaskId}' is used by two tasks. Task ids must be unique in a DAG.");
        }
    }

    private static void CheckEdges(DagDefinition dag, List<string> errors)
    {
        var known = dag.Tasks.Count == 0 ? "(none)" : string.Join(", ", dag.Tasks.Select(t => t.TaskId));
        foreach (var task in dag.Tasks)
        {
            foreach (var upstream in task.Upstream.Where(u => dag.FindTask(u) is null))
                errors.Add($"CF0002: Task '{task.TaskId}' refers to '{upstream}', which is not a task of this DAG. Known task ids: {known}.");
        }
        foreach (var cycle in Cycles(dag))
            errors.Add($"CF0003: Tasks form a cycle: {string.Join(" -> ", cycle)}. Remove an After or Input edge on one of these tasks.");
    }

    private static void CheckSchedule(DagDefinition dag, List<string> errors)
    {
        try
        {
            Timetables.Create(dag.Schedule, dag.Timezone);
        }
        catch (ScheduleFormatException e)
        {
            var id = dag.Schedule is { } schedule && Runtime.Assets.AssetCondition.IsAssetSchedule(schedule.Trim()) ? "CF0031" : "CF0007";
            errors.Add($"{id}: {e.Message}");
        }
        if (dag.Schedule?.Trim() == SchedulePresets.Continuous && dag.MaxActiveRuns != 1)
            errors.Add($"CF0030: DAG '{dag.DagId}' has schedule @continuous and MaxActiveRuns {dag.MaxActiveRuns}; a continuous DAG needs MaxActiveRuns(1).");
        if (dag.StartDate is { } start && dag.EndDate is { } end && end < start)
            errors.Add($"CF0008: EndDate {end:yyyy-MM-ddTHH:mm:ss} is before StartDate {start:yyyy-MM-ddTHH:mm:ss}.");
    }

    private static void CheckNumbers(DagDefinition dag, List<string> errors)
    {
        if (dag.MaxActiveRuns < 1) errors.Add($"CF0012: MaxActiveRuns is {dag.MaxActiveRuns}, but it must be at least 1.");
        if (dag.MaxActiveTasks < 1) errors.Add($"CF0012: MaxActiveTasks is {dag.MaxActiveTasks}, but it must be at least 1.");
        if (dag.DagRunTimeout is { } timeout && timeout <= TimeSpan.Zero) errors.Add($"CF0009: DagRunTimeout {timeout} must be positive.");
    }

    private static void CheckTask(TaskDefinition task, List<string> errors)
    {
        var name = $"Task '{task.TaskId}'";
        if (task.Retries < 0) errors.Add($"CF0012: {name}: Retries is {task.Retries}, but it must be zero or more.");
        if (task.PoolSlots < 1) errors.Add($"CF0012: {name}: PoolSlots is {task.PoolSlots}, but it must be at least 1.");
        if (task.RetryDelay < TimeSpan.Zero) errors.Add($"CF0009: {name}: RetryDelay {task.RetryDelay} must not be negative.");
        if (task.MaxRetryDelay is { } max && max < TimeSpan.Zero) errors.Add($"CF0009: {name}: MaxRetryDelay {max} must not be negative.");
        if (task.ExecutionTimeout is { } limit && limit <= TimeSpan.Zero) errors.Add($"CF0009: {name}: ExecutionTimeout {limit} must be positive.");
        if (!IsValidName(task.Pool)) errors.Add($"CF0021: {name}: Pool '{task.Pool}' is not valid: it must be 1 to 256 characters and not blank.");
        if (!IsValidName(task.Queue)) errors.Add($"CF0021: {name}: Queue '{task.Queue}' is not valid: it must be 1 to 256 characters and not blank.");
        foreach (var outlet in task.Outlets.Where(o => o.Length == 0 || o.Any(c => char.IsWhiteSpace(c) || c is '&' or '|' or '(' or ')')))
            errors.Add($"CF0033: {name} has outlet '{outlet}', which is not a usable asset URI (non-empty, without whitespace, '&', '|', '(' or ')').");
    }

    /// <summary>Each cycle once, as task ids from its earliest-declared task back to that task.</summary>
    private static List<List<string>> Cycles(DagDefinition dag)
    {
        var order = dag.Tasks.Select((t, i) => (t.TaskId, i)).ToDictionary(p => p.TaskId, p => p.i, StringComparer.Ordinal);
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the path, true: done
        var path = new List<string>();
        var cycles = new List<List<string>>();
        var reported = new HashSet<string>(StringComparer.Ordinal);

        void Visit(string id)
        {
            state[id] = false;
            path.Add(id);
            foreach (var next in dag.Downstream(id).Where(order.ContainsKey))
            {
                if (!state.TryGetValue(next, out var done)) Visit(next);
                else if (!done)
                {
                    var cycle = path[path.IndexOf(next)..];
                    var first = cycle.IndexOf(cycle.MinBy(t => order[t])!);
                    var rotated = cycle[first..].Concat(cycle[..first]).ToList();
                    if (reported.Add(string.Join(">", rotated))) cycles.Add([.. rotated, rotated[0]]);
                }
            }
            path.RemoveAt(path.Count - 1);
            state[id] = true;
        }

        foreach (var task in dag.Tasks.Where(t => !state.ContainsKey(t.TaskId))) Visit(task.TaskId);
        return cycles;
    }

    private const string IdRule = "An id must be non-empty and contain only the letters A-Z and a-z, digits, '_', '.' and '-'.";

    private static bool IsValidId(string id) =>
        id.Length > 0 && id.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '.' or '-');

    private static bool IsValidName(string name) => name.Length is >= 1 and <= 256 && !string.IsNullOrWhiteSpace(name);
}
