using System.Threading.Channels;
using CodeFirst.Grpc;
using CodeFirst.Proto.V1;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.State;
using CodeFirst.Server.ControlPlane.Mapping;

namespace CodeFirst.Server.ControlPlane.Services;

/// <summary>
/// <c>WatchDagRun</c>: a snapshot, then every state change until the run ends. Changes committed
/// in this process arrive as engine events (with try numbers and errors); the store is re-read
/// after each event and on a poll interval, so changes made by other processes (an <c>api</c>
/// server next to a separate scheduler) are seen too.
/// </summary>
internal sealed class DagRunWatcher(CodeFirstEngine engine, TimeSpan pollInterval)
{
    public async Task WatchDagRun(WatchDagRunRequest request, IServerStreamWriter<DagRunEvent> stream, ServerCallContext context)
    {
        var cancellationToken = context.CancellationToken;
        var changes = Channel.CreateUnbounded<TaskInstanceChange>();
        var wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        void OnTask(TaskInstanceChange c)
        {
            if (c.DagId != request.DagId || c.RunId != request.RunId) return;
            changes.Writer.TryWrite(c);
            wake.Writer.TryWrite(true);
        }
        void OnRun(DagRunChange c)
        {
            if (c.DagId == request.DagId && c.RunId == request.RunId) wake.Writer.TryWrite(true);
        }

        engine.Events.TaskInstanceChanged += OnTask;
        engine.Events.DagRunChanged += OnRun;
        try
        {
            var run = await DagRunGrpcService.FindRunAsync(engine, request.DagId, request.RunId, cancellationToken);
            var instances = await engine.Store.ListTaskInstancesAsync(run.Id, cancellationToken);
            var snapshot = new DagRunSnapshot { DagRun = DagRunMapper.ToProto(run) };
            snapshot.TaskInstances.AddRange(instances.Select(DagRunMapper.ToProto));
            await stream.WriteAsync(new DagRunEvent { Snapshot = snapshot });

            // Keyed by instance: a mapped task has one per map index.
            var known = instances.ToDictionary(t => (t.TaskId, t.MapIndex), t => t.State);
            var runState = run.State;
            while (!IsFinal(runState))
            {
                await WaitAsync(wake.Reader, cancellationToken);
                while (changes.Reader.TryRead(out var change))
                {
                    if (known.TryGetValue((change.TaskId, change.MapIndex), out var previous) && previous == change.State) continue;
                    known[(change.TaskId, change.MapIndex)] = change.State;
                    await stream.WriteAsync(TaskChanged(change.TaskId, change.State, previous, change.TryNumber, change.MaxTries, change.Error));
                }

                // The store is the truth: catch what no event told us.
                run = await engine.Store.GetRunAsync(run.DagId, run.RunId, cancellationToken) ?? run;
                foreach (var instance in await engine.Store.ListTaskInstancesAsync(run.Id, cancellationToken))
                {
                    if (known.TryGetValue((instance.TaskId, instance.MapIndex), out var previous) && previous == instance.State) continue;
                    known[(instance.TaskId, instance.MapIndex)] = instance.State;
                    await stream.WriteAsync(TaskChanged(instance.TaskId, instance.State, previous, instance.TryNumber, instance.MaxTries, null));
                }

                if (run.State != runState)
                {
                    await stream.WriteAsync(new DagRunEvent
                    {
                        DagRunChanged = new DagRunStateChange { State = run.State.Name(), PreviousState = runState.Name(), DagRun = DagRunMapper.ToProto(run) },
                    });
                    runState = run.State;
                }
            }
        }
        finally
        {
            engine.Events.TaskInstanceChanged -= OnTask;
            engine.Events.DagRunChanged -= OnRun;
        }
    }

    private static bool IsFinal(DagRunState state) => state is DagRunState.Success or DagRunState.Failed;

    private async Task WaitAsync(ChannelReader<bool> wake, CancellationToken cancellationToken)
    {
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        poll.CancelAfter(pollInterval);
        try
        {
            await wake.WaitToReadAsync(poll.Token);
            wake.TryRead(out _);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
        cancellationToken.ThrowIfCancellationRequested();
    }

    private DagRunEvent TaskChanged(string taskId, TaskInstanceState state, TaskInstanceState previous, int tryNumber, int maxTries, string? error) => new()
    {
        TaskInstanceChanged = new TaskInstanceStateChange
        {
            TaskId = taskId,
            State = state.Name(),
            PreviousState = previous.Name(),
            TryNumber = tryNumber,
            MaxTries = maxTries,
            Error = error ?? "",
            ObservedAt = ProtoTime.ToProto(engine.Time.GetUtcNow()),
        },
    };
}
