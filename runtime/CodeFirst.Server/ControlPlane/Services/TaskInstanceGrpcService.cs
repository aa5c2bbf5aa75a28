using CodeFirst.Grpc;
using CodeFirst.Proto.V1;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.Operations;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;
using CodeFirst.Server.ControlPlane.Mapping;

namespace CodeFirst.Server.ControlPlane.Services;

/// <summary><c>codefirst.v1.TaskInstanceService</c>: read, clear and mark task instances; XComs (logs are in the .Logs part).</summary>
internal sealed partial class TaskInstanceGrpcService(CodeFirstEngine engine, IDagRunQueries queries, AuditTrail audit, TimeSpan pollInterval)
{
    /// <summary>Airflow's wildcard for "every DAG" / "every run" in a task instance listing.</summary>
    private const string Every = "~";

    public async Task<ListTaskInstancesResponse> ListTaskInstances(ListTaskInstancesRequest request, ServerCallContext context)
    {
        var states = request.States.Select(s => RequestArgs.TaskState(s, "states")).Distinct().ToList();
        var from = ProtoTime.FromProto(request.EndDateGte, "end_date_gte");
        var to = ProtoTime.FromProto(request.EndDateLte, "end_date_lte");
        if (from > to) throw new ArgumentException("end_date_gte is after end_date_lte.", "end_date_gte");
        var offset = PageToken.Offset(request.PageToken);
        if (request.RunId == Every) return await ListAcrossRunsAsync(request, states, from, to, offset, context.CancellationToken);
        if (request.DagId is "" or Every)
            throw new ArgumentException($"dag_id is required for run_id '{request.RunId}'; use run_id '{Every}' to list the task instances of every run.", "dag_id");

        var run = await DagRunGrpcService.FindRunAsync(engine, request.DagId, request.RunId, context.CancellationToken);
        var matching = (await engine.Store.ListTaskInstancesAsync(run.Id, context.CancellationToken))
            .Where(t => (states.Count == 0 || states.Contains(t.State)) && (from is null || t.EndDate >= from) && (to is null || t.EndDate <= to))
            .ToList();
        // A run's instances are few: all of them unless a page size is asked for.
        var size = request.PageSize == 0 ? Math.Max(matching.Count, 1) : PageToken.Size(request.PageSize);
        var response = new ListTaskInstancesResponse { TotalSize = matching.Count, NextPageToken = PageToken.Next(offset, size, matching.Count) };
        response.TaskInstances.AddRange(matching.Skip(offset).Take(size).Select(DagRunMapper.ToProto));
        return response;
    }

    private async Task<ListTaskInstancesResponse> ListAcrossRunsAsync(ListTaskInstancesRequest request, List<TaskInstanceState> states,
        DateTimeOffset? from, DateTimeOffset? to, int offset, CancellationToken cancellationToken)
    {
        var size = PageToken.Size(request.PageSize);
        var page = await queries.QueryTaskInstancesAsync(new TaskInstanceQuery
        {
            DagId = request.DagId is "" or Every ? null : engine.Dags.Get(request.DagId).DagId,
            States = states,
            EndDateFrom = from,
            EndDateTo = to,
            Offset = offset,
            Limit = size,
        }, cancellationToken);
        var response = new ListTaskInstancesResponse { TotalSize = page.TotalCount, NextPageToken = PageToken.Next(offset, size, page.TotalCount) };
        response.TaskInstances.AddRange(page.TaskInstances.Select(DagRunMapper.ToProto));
        return response;
    }

    public async Task<TaskInstance> GetTaskInstance(GetTaskInstanceRequest request, ServerCallContext context)
    {
        var (_, instance) = await FindInstanceAsync(request.DagId, request.RunId, request.TaskId, context.CancellationToken,
            request.HasMapIndex ? request.MapIndex : null);
        return DagRunMapper.ToProto(instance);
    }

    public async Task<ClearTaskInstancesResponse> ClearTaskInstances(ClearTaskInstancesRequest request, ServerCallContext context)
    {
        var (dagId, runId, start, end) = await ClearScopeAsync(request, context.CancellationToken);
        var affected = await engine.Operations.ClearAsync(new ClearRequest(dagId)
        {
            RunId = runId,
            StartDate = start,
            EndDate = end,
            TaskIds = [.. request.TaskIds],
            TaskRegex = string.IsNullOrEmpty(request.TaskRegex) ? null : request.TaskRegex,
            IncludeUpstream = request.IncludeUpstream,
            IncludeDownstream = request.IncludeDownstream,
            OnlyFailed = request.OnlyFailed,
            OnlyRunning = request.OnlyRunning,
            DryRun = request.DryRun,
            MapIndexes = MapIndexes(request),
        }, context.CancellationToken);
        if (!request.DryRun)
        {
            var scope = runId is not null ? $"run_id={runId}" : $"start_date={start:O} end_date={end:O}";
            await audit.RecordAsync(context, $"dag_id={dagId} {scope} tasks=[{string.Join(',', affected.Select(a => $"{a.RunId}/{a.TaskId}"))}]" +
                $" task_ids=[{string.Join(',', request.TaskIds)}] map_indexes=[{string.Join(',', request.MapIndexes)}] task_regex={request.TaskRegex} upstream={request.IncludeUpstream} downstream={request.IncludeDownstream}" +
                $" only_failed={request.OnlyFailed} only_running={request.OnlyRunning}");
            engine.WakeScheduler();
        }

        var response = new ClearTaskInstancesResponse { DryRun = request.DryRun };
        response.TaskInstances.AddRange(affected.Select(DagRunMapper.ToProto));
        return response;
    }

    private static int[] MapIndexes(ClearTaskInstancesRequest request)
    {
        if (request.MapIndexes.Count == 0) return [];
        if (request.TaskIds.Count == 0)
            throw new ArgumentException("map_indexes needs task_ids: it chooses instances of the tasks named there.", "map_indexes");
        if (request.MapIndexes.FirstOrDefault(i => i < -1) is var bad and < -1)
            throw new ArgumentException($"map_indexes: {bad} is not a map index; use -1 (not mapped) or more.", "map_indexes");
        return [.. request.MapIndexes];
    }

    // One run by id, or the runs whose logical date is in a range: exactly one of the two.
    private async Task<(string DagId, string? RunId, DateTimeOffset? Start, DateTimeOffset? End)> ClearScopeAsync(ClearTaskInstancesRequest request, CancellationToken cancellationToken)
    {
        var start = ProtoTime.FromProto(request.StartDate, "start_date");
        var end = ProtoTime.FromProto(request.EndDate, "end_date");
        if (!string.IsNullOrEmpty(request.RunId))
        {
            if (start is not null || end is not null)
                throw new ArgumentException("give either run_id or start_date/end_date, not both.", "run_id");
            var run = await DagRunGrpcService.FindRunAsync(engine, request.DagId, request.RunId, cancellationToken);
            return (run.DagId, run.RunId, null, null);
        }
        var dag = engine.Dags.Get(RequestArgs.Required(request.DagId, "dag_id"));
        if (start is null && end is null)
            throw new ArgumentException("run_id, or start_date and/or end_date, is required.", "run_id");
        if (start > end) throw new ArgumentException("start_date is after end_date.", "start_date");
        return (dag.DagId, null, start, end);
    }

    public async Task<SetTaskInstanceStateResponse> SetTaskInstanceState(SetTaskInstanceStateRequest request, ServerCallContext context)
    {
        var (run, instance) = await FindInstanceAsync(request.DagId, request.RunId, request.TaskId, context.CancellationToken);
        var state = RequestArgs.TaskState(RequestArgs.Required(request.NewState, "new_state"), "new_state");
        if (state is not (TaskInstanceState.Success or TaskInstanceState.Failed))
            throw new ArgumentException($"new_state: '{request.NewState}' cannot be set; use success or failed.", "new_state");
        var affected = await engine.Operations.MarkAsync(new MarkRequest(run.DagId, run.RunId, instance.TaskId, state)
        {
            IncludeUpstream = request.IncludeUpstream,
            IncludeDownstream = request.IncludeDownstream,
            DryRun = request.DryRun,
        }, context.CancellationToken);
        if (!request.DryRun)
        {
            await audit.RecordAsync(context, $"dag_id={run.DagId} run_id={run.RunId} task_id={instance.TaskId} new_state={state.Name()}" +
                $" tasks=[{string.Join(',', affected.Select(a => a.TaskId))}] upstream={request.IncludeUpstream} downstream={request.IncludeDownstream}");
            engine.WakeScheduler();
        }

        var response = new SetTaskInstanceStateResponse { DryRun = request.DryRun };
        response.TaskInstances.AddRange(affected.Select(DagRunMapper.ToProto));
        return response;
    }

    public async Task<ListXComsResponse> ListXComs(ListXComsRequest request, ServerCallContext context)
    {
        var run = await DagRunGrpcService.FindRunAsync(engine, request.DagId, request.RunId, context.CancellationToken);
        var instances = await engine.Store.ListTaskInstancesAsync(run.Id, context.CancellationToken);
        var response = new ListXComsResponse();
        if (request.HasMapIndex && !string.IsNullOrEmpty(request.TaskId))
        {
            var (_, instance) = await FindInstanceAsync(request.DagId, request.RunId, request.TaskId, context.CancellationToken, request.MapIndex);
            foreach (var (key, value) in await engine.Store.ListXComAsync(run.Id, instance.TaskId, instance.MapIndex, context.CancellationToken))
                response.Xcoms.Add(new XCom { TaskId = instance.TaskId, Key = key, ValueJson = value });
            return response;
        }
        var taskIds = string.IsNullOrEmpty(request.TaskId)
            ? instances.Select(t => t.TaskId)
            : [(instances.FirstOrDefault(t => t.TaskId == request.TaskId) ?? throw NoTask(run, request.TaskId)).TaskId];
        foreach (var taskId in taskIds)
        {
            foreach (var (key, value) in await engine.Store.ListXComAsync(run.Id, taskId, context.CancellationToken))
                response.Xcoms.Add(new XCom { TaskId = taskId, Key = key, ValueJson = value });
        }
        return response;
    }

    /// <param name="mapIndex">The instance of a mapped task; null for the task's first instance (the only one when not mapped).</param>
    private async Task<(DagRunRecord Run, TaskInstanceRecord Instance)> FindInstanceAsync(string dagId, string runId, string taskId, CancellationToken cancellationToken,
        int? mapIndex = null)
    {
        if (mapIndex < -1) throw new ArgumentException($"map_index must be -1 (not mapped) or more, but it is {mapIndex}.", "map_index");
        var run = await DagRunGrpcService.FindRunAsync(engine, dagId, runId, cancellationToken);
        RequestArgs.Required(taskId, "task_id");
        var instances = (await engine.Store.ListTaskInstancesAsync(run.Id, cancellationToken)).Where(t => t.TaskId == taskId).ToList();
        if (instances.Count == 0) throw NoTask(run, taskId);
        var instance = mapIndex is { } index
            ? instances.FirstOrDefault(t => t.MapIndex == index) ?? throw new KeyNotFoundException($"Task '{taskId}' of run '{run.RunId}' has no instance with map_index {index}.")
            : instances[0];
        return (run, instance);
    }

    private static KeyNotFoundException NoTask(DagRunRecord run, string taskId) =>
        new($"Run '{run.RunId}' of DAG '{run.DagId}' has no task '{taskId}'.");
}
