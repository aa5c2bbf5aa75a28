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
        var (run, instance) = await FindInstanceAsync(request.DagId, request.RunId, request.TaskId, context.CancellationToken, mapIndex);

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
