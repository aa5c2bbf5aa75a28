using System.Text;
using System.Text.Json;
using CodeFirst.Definitions;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.Sensors;
using CodeFirst.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Runtime.Execution;

/// <summary>Runs one claimed try of a task: builds its context, calls the generated invoker, classifies the outcome.</summary>
internal sealed class TaskExecutor(
    DagBag dags, ITaskRecords records, IServiceProvider services, ILoggerFactory loggers, EngineOptions options, TimeProvider time, SensorRunner sensors,
    LiveTaskLogs? live = null)
{
    /// <param name="Log">The try's log lines not stored yet: all of them, unless the live-log flusher stored some while it ran.</param>
    public sealed record Result(TaskOutcome Outcome, IReadOnlyList<LogLine> Log, IReadOnlyList<(string Key, string Value)> Pushed)
    {
        /// <summary>The try's context, for callbacks; null when the try never started.</summary>
        public TaskContext? Context { get; init; }
    }

    public async Task<Result> ExecuteAsync(ClaimedTask claim, CancellationToken cancellationToken)
    {
        var log = new TaskLogBuffer(loggers.CreateLogger($"CodeFirst.Task.{claim.DagId}.{claim.TaskId}"), time);
        var tracked = live?.Track(claim, log);
        TaskContext context;
        TaskOutcome outcome;
        IReadOnlyList<LogLine> unstored;
        var xcom = new RuntimeXCom(records, claim.RunPk);
        try
        {
            var assetEvents = dags.Find(claim.DagId) is { } loaded
                ? await Assets.AssetOutlets.TriggeringAsync(loaded, records, claim.RunPk, cancellationToken)
                : [];
            context = NewContext(claim, log, xcom, assetEvents, records as IDagRunQueries);
            outcome = await RunAsync(claim, context, log, xcom, cancellationToken);
        }
        finally
        {
            // The lines the flusher stored while the try ran are not recorded again with its result.
            unstored = tracked is null ? log.Lines : await tracked.EndAsync();
        }
        return new Result(outcome, unstored, outcome.Kind == TaskOutcomeKind.Success ? xcom.Pushed : []) { Context = context };
    }

    internal static TaskContext NewContext(ClaimedTask claim, ILogger log, IXCom xcom, IReadOnlyList<AssetEvent>? triggeringAssetEvents = null, IDagRunQueries? runs = null) => new()
    {
        PreviousSuccessfulRunSource = runs is null ? null : ct => PreviousRuns.SuccessfulBeforeAsync(runs, claim.DagId, claim.LogicalDate, ct),
        TriggeringAssetEvents = triggeringAssetEvents ?? [],
        DagId = claim.DagId,
        RunId = claim.RunId,
        TaskId = claim.TaskId,
        MapIndex = claim.MapIndex,
        LogicalDate = claim.LogicalDate,
        DataIntervalStart = claim.DataIntervalStart,
        DataIntervalEnd = claim.DataIntervalEnd,
        TryNumber = claim.TryNumber,
        MaxTries = claim.MaxTries,
        Conf = ParseConf(claim.Conf),
        Log = log,
        XCom = xcom,
        TriggerEvent = claim.TriggerEvent is { } stored ? Triggers.TriggerOutcome.Parse(stored).PayloadJson : null,
    };

    private async Task<TaskOutcome> RunAsync(ClaimedTask claim, TaskContext context, TaskLogBuffer log, RuntimeXCom xcom, CancellationToken cancellationToken)
    {
        if (claim.Problem is { } problem)
        {
            log.LogError("{Problem}", problem);
            return new TaskOutcome(TaskOutcomeKind.FailedNoRetry, null, problem);
        }
        var dag = dags.Get(claim.DagId).Definition;
        var task = dag.GetTask(claim.TaskId);
        using var timeout = task.ExecutionTimeout is { } limit ? new CancellationTokenSource(limit, time) : null;
        using var linked = timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var inputs = await records.GetReturnValuesAsync(claim.RunPk, task.XComInputs, cancellationToken);
            var keyedInputs = await XComKeyInputs.LoadAsync(records, claim.RunPk, task, cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var invocation = new RuntimeInvocation(context, scope.ServiceProvider, log, inputs, linked?.Token ?? cancellationToken, keyedInputs);
            // Sensors poke through the runner; it also resumes a deferred try with its trigger's event.
            var running = sensors.InvokeAsync(task, claim, invocation, linked?.Token ?? cancellationToken);
            // A try that ignores its cancelled token is abandoned after the grace: its slot is taken back and the try fails.
            var returnJson = task.ExecutionTimeout is { } executionTimeout
                ? await running.WaitAsync(executionTimeout + options.ExecutionTimeoutGrace, time, cancellationToken)
                : await running;
            return Succeeded(dag, task, returnJson, xcom, log);
        }
        catch (Exception e) when (timeout?.IsCancellationRequested == true && !cancellationToken.IsCancellationRequested
            && e is OperationCanceledException or TimeoutException)
        {
            var message = $"TimeoutException: the try exceeded its ExecutionTimeout of {task.ExecutionTimeout}.";
            log.LogError("Try {Try} of {MaxTries} failed: {Error}", claim.TryNumber, claim.MaxTries, message);
            return new TaskOutcome(TaskOutcomeKind.Failed, null, message);
        }
        catch (TaskSuspendedException e)
        {
            log.LogInformation("{Suspension}", e.Message);
            return new TaskOutcome(TaskOutcomeKind.Suspended, null, null) { ReadyAt = e.ReadyAt, Trigger = e.Trigger };
        }
        catch (TaskDeferredException e)
        {
            log.LogInformation("Deferred to {Trigger}", e.Trigger.GetType().Name);
            var trigger = Triggers.TriggerFactory.Describe(e.Trigger, e.Timeout is { } t ? time.GetUtcNow() + t : null);
            return new TaskOutcome(TaskOutcomeKind.Suspended, null, null) { Trigger = trigger };
        }
        catch (TaskSkippedException e)
        {
            log.LogInformation("Skipped: {Reason}", e.Message);
            return new TaskOutcome(TaskOutcomeKind.Skipped, null, null);
        }
        catch (TaskFailedException e)
        {
            log.LogError(e, "Failed without retry: {Reason}", e.Message);
            return new TaskOutcome(TaskOutcomeKind.FailedNoRetry, null, e.Message);
        }
        catch (Exception e)
        {
            log.LogError(e, "Try {Try} of {MaxTries} failed: {Error}", claim.TryNumber, claim.MaxTries, e.Message);
            return new TaskOutcome(TaskOutcomeKind.Failed, null, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private TaskOutcome Succeeded(DagDefinition dag, TaskDefinition task, string? returnJson, RuntimeXCom xcom, TaskLogBuffer log)
    {
        // Too large a value fails the try for good: retrying would produce the same value again.
        foreach (var (key, json) in xcom.Pushed.Select(p => (p.Key, (string?)p.Value)).Append((XComJson.ReturnValueKey, returnJson)))
        {
            if (json is null) continue;
            var size = Encoding.UTF8.GetByteCount(json);
            if (size <= options.MaxXComBytes) continue;
            var error = $"XCom '{key}' of task '{dag.DagId}.{task.TaskId}' is {size} bytes, more than the limit of {options.MaxXComBytes} bytes (EngineOptions.MaxXComBytes). Store large data elsewhere and pass a reference.";
            log.LogError("{Error}", error);
            return new TaskOutcome(TaskOutcomeKind.FailedNoRetry, null, error);
        }
        return task.Kind switch
        {
            TaskKind.Branch => Branch(dag, task, returnJson, log),
            TaskKind.ShortCircuit => ShortCircuit(dag, task, returnJson, log),
            _ => TaskOutcome.Success(returnJson),
        };
    }

    private static TaskOutcome Branch(DagDefinition dag, TaskDefinition task, string? returnJson, TaskLogBuffer log)
    {
        var follow = BranchTargets(returnJson);
        var downstream = dag.Downstream(task.TaskId);
        var invalid = follow.Where(id => !downstream.Contains(id, StringComparer.Ordinal)).ToList();
        if (invalid.Count > 0)
        {
            var error = $"Branch task '{task.TaskId}' returned {string.Join(", ", invalid.Select(i => $"'{i}'"))}, which is not a direct downstream task; " +
                $"it may follow only: {(downstream.Count == 0 ? "(none)" : string.Join(", ", downstream))}.";
            log.LogError("{Error}", error);
            return new TaskOutcome(TaskOutcomeKind.Failed, null, error);
        }
        // Airflow's skip_all_except: a direct downstream task that is also downstream of a followed branch is not skipped (the "join" case).
        var keep = new HashSet<string>(follow, StringComparer.Ordinal);
        keep.UnionWith(DagGraph.DownstreamOf(dag, follow));
        var skip = downstream.Where(d => !keep.Contains(d)).ToArray();
        log.LogInformation("Following {Follow}; skipping {Skip}", follow.Count == 0 ? "nothing" : string.Join(", ", follow), skip.Length == 0 ? "nothing" : string.Join(", ", skip));
        return TaskOutcome.Success(returnJson) with { SkipDownstream = skip };
    }

    private static List<string> BranchTargets(string? json)
    {
        if (json is null) return [];
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return root.ValueKind switch
        {
            JsonValueKind.String => [root.GetString()!],
            JsonValueKind.Array => root.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).Distinct(StringComparer.Ordinal).ToList(),
            _ => [],
        };
    }

    private static TaskOutcome ShortCircuit(DagDefinition dag, TaskDefinition task, string? returnJson, TaskLogBuffer log)
    {
        var proceed = returnJson is not null && JsonSerializer.Deserialize<bool>(returnJson);
        if (proceed) return TaskOutcome.Success(returnJson);
        var skip = DagGraph.DownstreamOf(dag, [task.TaskId]).Order(StringComparer.Ordinal).ToArray();
        log.LogInformation("Condition is false; skipping every downstream task: {Skip}", skip.Length == 0 ? "none" : string.Join(", ", skip));
        return TaskOutcome.Success(returnJson) with { SkipDownstream = skip };
    }

    private static JsonElement ParseConf(string conf)
    {
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(conf) ? "{}" : conf);
        return document.RootElement.Clone();
    }
}
