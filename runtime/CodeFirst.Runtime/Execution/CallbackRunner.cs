using CodeFirst.Definitions;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Runtime.Execution;

/// <summary>
/// Runs task and DAG callbacks (on_success/on_failure/on_retry) after the result is committed. A
/// callback that throws is logged; it never changes a task's or run's state.
/// </summary>
internal sealed partial class CallbackRunner(IServiceProvider services, ILogger<CallbackRunner> logger)
{
    public Task TaskFinishedAsync(DagDefinition dag, TaskDefinition task, ClaimedTask claim, TaskInstanceState state, TaskExecutor.Result result, CancellationToken cancellationToken) =>
        TaskFinishedAsync(dag, task, claim.RunId, state, result.Outcome.Error, result.Context, cancellationToken);

    public Task TaskFinishedAsync(DagDefinition dag, TaskDefinition task, string runId, TaskInstanceState state, string? error, TaskContext? taskContext, CancellationToken cancellationToken)
    {
        var callback = state switch
        {
            TaskInstanceState.Success => task.OnSuccess,
            TaskInstanceState.Failed => task.OnFailure,
            TaskInstanceState.UpForRetry => task.OnRetry,
            _ => null,
        };
        if (callback is null) return Task.CompletedTask;
        var context = new CallbackContext
        {
            DagId = dag.DagId, RunId = runId, TaskId = task.TaskId, Task = taskContext, State = state.Name(), Error = error,
        };
        return InvokeAsync(callback, context, cancellationToken);
    }

    public Task RunFinishedAsync(DagDefinition dag, string runId, DagRunState state, CancellationToken cancellationToken)
    {
        var callback = state == DagRunState.Success ? dag.OnSuccess : dag.OnFailure;
        if (callback is null) return Task.CompletedTask;
        return InvokeAsync(callback, new CallbackContext { DagId = dag.DagId, RunId = runId, State = state.Name() }, cancellationToken);
    }

    private async Task InvokeAsync(TaskCallback callback, CallbackContext context, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            await callback(context, scope.ServiceProvider, cancellationToken);
        }
        catch (Exception e)
        {
            LogCallbackFailed(logger, e, context.DagId, context.RunId, context.TaskId ?? "(dag)", context.State);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{DagId}/{RunId}/{TaskId}: the {State} callback failed; the state stays as recorded")]
    private static partial void LogCallbackFailed(ILogger logger, Exception e, string dagId, string runId, string taskId, string state);
}
