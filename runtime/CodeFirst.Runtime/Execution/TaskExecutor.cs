using System.Text.Json;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Runtime.Execution;

/// <summary>Runs one claimed try of a task: builds its context, calls the generated invoker, classifies the outcome.</summary>
internal sealed class TaskExecutor(DagBag dags, ITaskRecords records, IServiceProvider services, ILoggerFactory loggers, TimeProvider time)
{
    public sealed record Result(TaskOutcome Outcome, IReadOnlyList<LogLine> Log, IReadOnlyList<(string Key, string Value)> Pushed);

    public async Task<Result> ExecuteAsync(ClaimedTask claim, CancellationToken cancellationToken)
    {
        var log = new TaskLogBuffer(loggers.CreateLogger($"CodeFirst.Task.{claim.DagId}.{claim.TaskId}"), time);
        var xcom = new RuntimeXCom(records, claim.RunPk);
        var outcome = await RunAsync(claim, log, xcom, cancellationToken);
        return new Result(outcome, log.Lines, xcom.Pushed);
    }

    private async Task<TaskOutcome> RunAsync(ClaimedTask claim, TaskLogBuffer log, RuntimeXCom xcom, CancellationToken cancellationToken)
    {
        try
        {
            var task = dags.Get(claim.DagId).Definition.GetTask(claim.TaskId);
            var inputs = await records.GetReturnValuesAsync(claim.RunPk, task.XComInputs, cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var context = new TaskContext
            {
                DagId = claim.DagId,
                RunId = claim.RunId,
                TaskId = claim.TaskId,
                LogicalDate = claim.LogicalDate,
                DataIntervalStart = claim.DataIntervalStart,
                DataIntervalEnd = claim.DataIntervalEnd,
                TryNumber = claim.TryNumber,
                MaxTries = claim.MaxTries,
                Conf = ParseConf(claim.Conf),
                TriggeringAssetEvents = await Assets.AssetOutlets.TriggeringAsync(dags.Get(claim.DagId), records, claim.RunPk, cancellationToken),
                Log = log,
                XCom = xcom,
            };
            var invocation = new RuntimeInvocation(context, scope.ServiceProvider, log, inputs, cancellationToken);
            var returnJson = await task.Invoke(invocation);
            return TaskOutcome.Success(returnJson);
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

    private static JsonElement ParseConf(string conf)
    {
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(conf) ? "{}" : conf);
        return document.RootElement.Clone();
    }
}
