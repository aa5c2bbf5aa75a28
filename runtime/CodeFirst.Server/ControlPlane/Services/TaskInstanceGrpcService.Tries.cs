using CodeFirst.Grpc;
using CodeFirst.Proto.V1;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;
using CodeFirst.Server.ControlPlane.Mapping;

namespace CodeFirst.Server.ControlPlane.Services;

internal sealed partial class TaskInstanceGrpcService
{
    /// <summary>
    /// The recorded tries of one instance, then the try the instance row holds when it is not
    /// recorded yet (running, deferred or waiting for a reschedule now).
    /// </summary>
    public async Task<ListTaskInstanceTriesResponse> ListTaskInstanceTries(ListTaskInstanceTriesRequest request, ServerCallContext context)
    {
        var mapIndex = request.HasMapIndex ? request.MapIndex : -1;
        if (mapIndex < -1) throw new ArgumentException($"map_index must be -1 (not mapped) or more, but it is {mapIndex}.", "map_index");
        var run = await DagRunGrpcService.FindRunAsync(engine, request.DagId, request.RunId, context.CancellationToken);
        RequestArgs.Required(request.TaskId, "task_id");
        var instances = (await engine.Store.ListTaskInstancesAsync(run.Id, context.CancellationToken)).Where(t => t.TaskId == request.TaskId).ToList();
        if (instances.Count == 0) throw NoTask(run, request.TaskId);
        var instance = instances.FirstOrDefault(t => t.MapIndex == mapIndex)
            ?? throw new KeyNotFoundException($"Task '{request.TaskId}' of run '{run.RunId}' has no instance with map_index {mapIndex}.");

        var recorded = await engine.Store.ListTriesAsync(run.Id, instance.TaskId, mapIndex, context.CancellationToken);
        var now = engine.Time.GetUtcNow();
        var response = new ListTaskInstanceTriesResponse();
        response.Tries.AddRange(recorded.Select(t => Try(t, now)));
        if (instance.TryNumber >= 1 && recorded.All(t => t.TryNumber != instance.TryNumber))
            response.Tries.Add(Try(new TaskTryRecord(instance.TryNumber, instance.State, instance.StartDate, instance.EndDate, instance.WorkerId), now));
        return response;
    }

    private static TaskInstanceTry Try(TaskTryRecord record, DateTimeOffset now) => new()
    {
        TryNumber = record.TryNumber,
        State = record.State.Name(),
        StartDate = ProtoTime.ToProto(record.StartDate),
        EndDate = ProtoTime.ToProto(record.EndDate),
        DurationSeconds = record.StartDate is { } start ? Math.Max(0, ((record.EndDate ?? now) - start).TotalSeconds) : 0,
        Hostname = record.WorkerId ?? "",
    };
}
