namespace CodeFirst.Definitions;

/// <summary>A DAG as the runtime sees it: tasks, edges, schedule and policies.</summary>
public sealed class DagDefinition
{
    private readonly IReadOnlyList<TaskDefinition> _tasks = [];
    private Dictionary<string, TaskDefinition> _byId = [];
    private Dictionary<string, string[]> _downstream = [];

    public required string DagId { get; init; }
    public string? Schedule { get; init; }

    /// <summary>Wall-clock start in <see cref="Timezone"/> (<see cref="DateTimeKind.Unspecified"/>).</summary>
    public DateTime? StartDate { get; init; }
    public DateTime? EndDate { get; init; }
    public string Timezone { get; init; } = "UTC";
    public bool Catchup { get; init; }

    /// <summary>Whether the DAG starts paused the first time a database sees it.</summary>
    public bool IsPausedUponCreation { get; init; }
    public int MaxActiveRuns { get; init; } = 16;

    /// <summary>How many task instances of this DAG may run at once, across its runs.</summary>
    public int MaxActiveTasks { get; init; } = 16;

    /// <summary>A run running longer than this is failed by the scheduler; null for no limit.</summary>
    public TimeSpan? DagRunTimeout { get; init; }

    /// <summary>The shape of the run conf (Airflow's params); null when the DAG declares none.</summary>
    public DagParams? Params { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public string? Description { get; init; }

    /// <summary>The class's <c>/// &lt;summary&gt;</c>, whitespace collapsed; null when it has none.</summary>
    public string? Doc { get; init; }

    /// <summary>Called when a run of this DAG succeeded or failed.</summary>
    public TaskCallback? OnSuccess { get; init; }
    public TaskCallback? OnFailure { get; init; }

    public required IReadOnlyList<TaskDefinition> Tasks
    {
        get => _tasks;
        init
        {
            _tasks = value;
            _byId = value.ToDictionary(t => t.TaskId, StringComparer.Ordinal);
            _downstream = value
                .SelectMany(t => t.Upstream.Select(u => (Up: u, Down: t.TaskId)))
                .GroupBy(e => e.Up, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(e => e.Down).Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        }
    }

    public TaskDefinition? FindTask(string taskId) => _byId.GetValueOrDefault(taskId);

    public TaskDefinition GetTask(string taskId) =>
        FindTask(taskId) ?? throw new KeyNotFoundException($"DAG '{DagId}' has no task '{taskId}'.");

    /// <summary>Task ids that list <paramref name="taskId"/> as upstream, ordinal-sorted.</summary>
    public IReadOnlyList<string> Downstream(string taskId) => _downstream.GetValueOrDefault(taskId) ?? [];
}
