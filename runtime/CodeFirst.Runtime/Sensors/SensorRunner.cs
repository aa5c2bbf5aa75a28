using CodeFirst.Definitions;
using CodeFirst.Runtime.Storage;
using CodeFirst.Runtime.Triggers;

namespace CodeFirst.Runtime.Sensors;

/// <summary>
/// Runs a try of a sensor (or of a task resuming from a deferral) in a worker, as Airflow's
/// <c>BaseSensorOperator.execute</c>: poke until done; between pokes sleep holding the slot
/// (poke mode), give the slot back until the next poke is due (reschedule mode) or hand the wait
/// to the triggerer (deferrable). The timeout counts from the try's first poke, kept in the store
/// across reschedules and deferrals; it fails the task without retry, or skips it with SoftFail.
/// </summary>
internal sealed class SensorRunner(ITriggerStore store, TimeProvider time)
{
    /// <summary>The return value's JSON when the try completes; throws to suspend, skip or fail it.</summary>
    public async Task<string?> InvokeAsync(TaskDefinition task, ClaimedTask claim, TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var sensor = task.Kind == TaskKind.Sensor ? task.Sensor ?? new SensorSpec() : null;
        if (claim.TriggerEvent is { } stored)
        {
            var outcome = TriggerOutcome.Parse(stored);
            if (outcome.Status == TriggerOutcome.TimedOut)
            {
                if (sensor is not null) throw TimedOut(sensor, claim);
                throw new TimeoutException($"Task '{claim.DagId}.{claim.TaskId}' was deferred longer than its trigger timeout.");
            }
            if (outcome.Status == TriggerOutcome.Failed)
                throw new InvalidOperationException($"The trigger of task '{claim.DagId}.{claim.TaskId}' failed: {outcome.Error}");
            // A deferrable sensor's trigger is its own poke loop: the event is the done poke's value.
            if (sensor is not null) return outcome.PayloadJson;
        }
        if (sensor is null) return await task.Invoke(invocation);

        var progress = await store.BeginPokeAsync(claim.Id, claim.TryNumber, time.GetUtcNow(), cancellationToken);
        var pokeCount = progress.PokeCount;
        while (true)
        {
            var poke = PokeResult.Parse(await task.Invoke(invocation));
            if (poke.IsDone) return poke.ValueJson;
            var now = time.GetUtcNow();
            var runDuration = now - progress.FirstPokeAt;
            if (runDuration > sensor.Timeout) throw TimedOut(sensor, claim);
            if (sensor.Deferrable)
                throw TaskSuspendedException.Defer(SensorTrigger.Describe(claim, progress.FirstPokeAt, pokeCount, sensor));
            var wait = SensorIntervals.Next(sensor, claim.DagId, claim.TaskId, progress.FirstPokeAt, pokeCount, runDuration);
            invocation.Logger.LogPokeFalse(wait.TotalSeconds);
            if (sensor.Mode == SensorMode.Reschedule) throw TaskSuspendedException.Reschedule(now + wait);
            await Task.Delay(wait, time, cancellationToken);
            pokeCount++;
        }
    }

    private static Exception TimedOut(SensorSpec sensor, ClaimedTask claim)
    {
        var message = $"Sensor '{claim.DagId}.{claim.TaskId}' timed out: not done within its Timeout of {sensor.Timeout} since the first poke.";
        return sensor.SoftFail ? new TaskSkippedException(message) : new TaskFailedException(message);
    }
}
