using System.Text.Json.Serialization;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Triggers;

/// <summary>
/// Fires when task <see cref="TaskId"/> of DAG <see cref="DagId"/>, in its run for
/// <see cref="LogicalDate"/>, reaches one of <see cref="AllowedStates"/> (Airflow's
/// <c>ExternalTaskSensor</c> / <c>WorkflowTrigger</c>; default: success). Reaching one of
/// <see cref="FailedStates"/> fails the waiting task. The payload is the state reached.
/// </summary>
public sealed class ExternalTaskTrigger(
    string dagId, string taskId, DateTimeOffset logicalDate, string[]? allowedStates = null, string[]? failedStates = null, TimeSpan? pollInterval = null) : Trigger
{
    /// <summary>For System.Text.Json: the stored trigger, rebuilt in the triggerer.</summary>
    [JsonConstructor]
    public ExternalTaskTrigger(string dagId, string taskId, DateTimeOffset logicalDate, string[] allowedStates, string[] failedStates, TimeSpan pollInterval)
        : this(dagId, taskId, logicalDate, allowedStates, failedStates, (TimeSpan?)pollInterval)
    {
    }

    public string DagId { get; } = dagId;
    public string TaskId { get; } = taskId;
    public DateTimeOffset LogicalDate { get; } = logicalDate;
    public string[] AllowedStates { get; } = allowedStates ?? ["success"];
    public string[] FailedStates { get; } = failedStates ?? [];
    public TimeSpan PollInterval { get; } = pollInterval ?? TimeSpan.FromSeconds(30);

    /// <summary>Set by the triggerer before <see cref="RunAsync"/>: the store the external run is read from.</summary>
    [JsonIgnore]
    internal IStore? Store { get; set; }

    /// <summary>The external task's state now, or null when its run does not exist (yet).</summary>
    internal static async Task<string?> ReadStateAsync(IStore store, string dagId, string taskId, DateTimeOffset logicalDate, CancellationToken cancellationToken)
    {
        if (store is not IDagRunQueries queries) throw new InvalidOperationException($"{store.GetType().Name} cannot look runs up by logical date.");
        var page = await queries.QueryRunsAsync(new DagRunQuery { DagId = dagId, LogicalDateFrom = logicalDate, LogicalDateTo = logicalDate, Limit = 10 }, cancellationToken);
        foreach (var run in page.Runs)
        {
            var instance = (await store.ListTaskInstancesAsync(run.Id, cancellationToken)).FirstOrDefault(t => t.TaskId == taskId);
            if (instance is not null) return instance.State.Name();
        }
        return null;
    }

    public override async Task<TriggerEvent> RunAsync(TriggerContext context, CancellationToken cancellationToken)
    {
        var store = Store ?? throw new InvalidOperationException("ExternalTaskTrigger runs only in a CodeFirst triggerer.");
        while (true)
        {
            var state = await ReadStateAsync(store, DagId, TaskId, LogicalDate, cancellationToken);
            if (state is not null && AllowedStates.Contains(state, StringComparer.Ordinal)) return TriggerEvent.Of(state);
            if (state is not null && FailedStates.Contains(state, StringComparer.Ordinal))
                throw new InvalidOperationException($"External task '{DagId}.{TaskId}' for {LogicalDate:O} is {state}.");
            await Task.Delay(PollInterval, context.Time, cancellationToken);
        }
    }
}
