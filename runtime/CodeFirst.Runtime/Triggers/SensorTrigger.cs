using System.Text.Json;
using CodeFirst.Definitions;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.Execution;
using CodeFirst.Runtime.Sensors;
using CodeFirst.Runtime.Storage;
using CodeFirst.Triggers;
using Microsoft.Extensions.DependencyInjection;

namespace CodeFirst.Runtime.Triggers;

/// <summary>
/// A deferrable sensor's trigger: the sensor's own poke loop, run in the triggerer with the same
/// generated invoker, context and XCom inputs as in a worker. It fires with the done poke's value,
/// which the resumed try stores as its XCom return value. The triggerer enforces the timeout.
/// </summary>
internal sealed class SensorTrigger(DagBag dags, ITaskRecords records, TimeProvider time, SensorTrigger.Arguments arguments) : Trigger
{
    public const string Kind = "codefirst.sensor";

    /// <summary>What the triggerer needs to poke: the try as claimed and where its poking stands.</summary>
    internal sealed record Arguments(ClaimedTask Claim, DateTimeOffset FirstPokeAt, int PokeCount);

    public static NewTrigger Describe(ClaimedTask claim, DateTimeOffset firstPokeAt, int pokeCount, SensorSpec sensor) =>
        new(Kind, JsonSerializer.Serialize(new Arguments(claim with { TriggerEvent = null, Problem = null }, firstPokeAt, pokeCount), XComJson.Options),
            firstPokeAt + sensor.Timeout);

    public static Arguments Read(string json) =>
        JsonSerializer.Deserialize<Arguments>(json, XComJson.Options) ?? throw new InvalidOperationException("Empty sensor trigger arguments.");

    public override async Task<TriggerEvent> RunAsync(TriggerContext context, CancellationToken cancellationToken)
    {
        var claim = arguments.Claim;
        var task = dags.Get(claim.DagId).Definition.GetTask(claim.TaskId);
        var sensor = task.Sensor ?? new SensorSpec();
        var inputs = await records.GetReturnValuesAsync(claim.RunPk, task.XComInputs, cancellationToken);
        var pokeCount = arguments.PokeCount;
        while (true)
        {
            var wait = SensorIntervals.Next(sensor, claim.DagId, claim.TaskId, arguments.FirstPokeAt, pokeCount, time.GetUtcNow() - arguments.FirstPokeAt);
            await Task.Delay(wait, time, cancellationToken);
            pokeCount++;
            // Pushes other than the return value made while poking here are not kept (no try is running to own them).
            var taskContext = TaskExecutor.NewContext(claim, context.Log, new RuntimeXCom(records, claim.RunPk));
            await using var scope = context.Services.CreateAsyncScope();
            var invocation = new RuntimeInvocation(taskContext, scope.ServiceProvider, context.Log, inputs, cancellationToken);
            var poke = PokeResult.Parse(await task.Invoke(invocation));
            if (poke.IsDone) return new TriggerEvent(poke.ValueJson);
        }
    }
}
