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
        // A running try's worker stores its lines every LiveLogFlushInterval; when that worker is in this process, the newest come from memory.
        var lines = await engine.LiveLogs.ReadAsync(run.Id, instance.TaskId, instance.MapIndex, tryNumber,
            ct => engine.Store.GetLogAsync(run.Id, instance.TaskId, instance.MapIndex, tryNumber, ct), context.CancellationToken);
        response.Lines.AddRange(lines.Select(l => Line(l, tryNumber)));
        return response;
    }

    /// <summary>
    /// Follows a task instance's log: each try's lines in order, the try still going (running, deferred or
    /// waiting to be rescheduled) line by line as its worker stores them, waking on engine events and polling
    /// as a backstop, until the task instance is finished.
    /// </summary>
    public async Task StreamTaskLog(StreamTaskLogRequest request, IServerStreamWriter<TaskLogLine> stream, ServerCallContext context)
    {
        var cancellationToken = context.CancellationToken;
        var (run, instance) = await FindInstanceAsync(request.DagId, request.RunId, request.TaskId, cancellationToken);
        if (request.TryNumber < 0) throw new ArgumentException($"try_number must not be negative, but it is {request.TryNumber}.", "try_number");
        var next = Math.Max(1, request.TryNumber);
        var sent = 0; // lines of try 'next' already written
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
                for (; next <= instance.TryNumber; next++, sent = 0)
                {
                    var tryNumber = next;
                    var lines = await engine.LiveLogs.ReadAsync(run.Id, instance.TaskId, instance.MapIndex, tryNumber,
                        ct => engine.Store.GetLogAsync(run.Id, instance.TaskId, instance.MapIndex, tryNumber, ct), cancellationToken);
                    foreach (var line in lines.Skip(sent)) await stream.WriteAsync(Line(line, tryNumber));
                    sent = Math.Max(sent, lines.Count);
                    if (tryNumber == instance.TryNumber && instance.State is TaskInstanceState.Running or TaskInstanceState.Deferred or TaskInstanceState.UpForReschedule)
                        break;
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
