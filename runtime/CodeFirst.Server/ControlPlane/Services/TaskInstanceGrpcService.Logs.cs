using CodeFirst.Grpc;
using CodeFirst.Proto.V1;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;
using CodeFirst.Server.ControlPlane.Mapping;

namespace CodeFirst.Server.ControlPlane.Services;

internal sealed partial class TaskInstanceGrpcService
{
    public async Task<GetTaskLogResponse> GetTaskLog(GetTaskLogRequest request, ServerCallContext context)
    {
        var (run, instance) = await FindInstanceAsync(request.DagId, request.RunId, request.TaskId, context.CancellationToken,
            request.HasMapIndex ? request.MapIndex : null);
        var tryNumber = request.TryNumber == 0 ? instance.TryNumber : request.TryNumber;
        if (tryNumber < 0 || tryNumber > Math.Max(1, instance.TryNumber))
        {
            throw new ArgumentException(
                $"try_number {request.TryNumber}: task '{instance.TaskId}' has run {instance.TryNumber} tr{(instance.TryNumber == 1 ? "y" : "ies")}.", "try_number");
        }

        var response = new GetTaskLogResponse { TryNumber = tryNumber };
        var stored = await engine.Store.GetLogAsync(run.Id, instance.TaskId, instance.MapIndex, tryNumber, context.CancellationToken);
        // A running try's lines are stored when it ends (or is suspended); a worker in this process has the rest meanwhile.
        var running = engine.LiveLogs.Get(run.Id, instance.TaskId, tryNumber) ?? [];
        response.Lines.AddRange(stored.Concat(running).Select(l => Line(l, tryNumber)));
        return response;
    }

    /// <summary>
    /// Logs are written when a try ends, so following means: each ended try's lines in order,
    /// waiting (on engine events, polling as a backstop) until the task instance is finished.
    /// </summary>
    public async Task StreamTaskLog(StreamTaskLogRequest request, IServerStreamWriter<TaskLogLine> stream, ServerCallContext context)
    {
        var cancellationToken = context.CancellationToken;
        var (run, instance) = await FindInstanceAsync(request.DagId, request.RunId, request.TaskId, cancellationToken);
        if (request.TryNumber < 0) throw new ArgumentException($"try_number must not be negative, but it is {request.TryNumber}.", "try_number");
        var next = Math.Max(1, request.TryNumber);
        var wake = new SemaphoreSlim(0); // not disposed: an event may still be in flight after unsubscribing
        void OnChange(TaskInstanceChange c)
        {
            if (c.DagId == run.DagId && c.RunId == run.RunId && c.TaskId == instance.TaskId) wake.Release();
        }

        engine.Events.TaskInstanceChanged += OnChange;
        try
        {
            while (true)
            {
                var ended = instance.State == TaskInstanceState.Running ? instance.TryNumber - 1 : instance.TryNumber;
                for (; next <= ended; next++)
                {
                    foreach (var line in await engine.Store.GetLogAsync(run.Id, instance.TaskId, next, cancellationToken))
                        await stream.WriteAsync(Line(line, next));
                }

                if (instance.State.IsFinished() && next > instance.TryNumber) return;
                await wake.WaitAsync(pollInterval, cancellationToken);
                instance = (await engine.Store.ListTaskInstancesAsync(run.Id, cancellationToken)).First(t => t.TaskId == instance.TaskId);
            }
        }
        finally
        {
            engine.Events.TaskInstanceChanged -= OnChange;
        }
    }

    private static TaskLogLine Line(LogLine line, int tryNumber) => new()
    {
        Timestamp = ProtoTime.ToProto(line.Timestamp),
        Level = line.Level,
        Message = line.Message,
        TryNumber = tryNumber,
    };
}
