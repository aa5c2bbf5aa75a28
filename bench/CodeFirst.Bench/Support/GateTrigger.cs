using CodeFirst.Triggers;

namespace CodeFirst.Bench.Support;

/// <summary>
/// A trigger that fires when the bench opens the gate, so fire latency is measured from one known
/// moment. It waits like the built-in time triggers do (an await on a cancellable task), so holding
/// it costs what holding them costs.
/// </summary>
public sealed class GateTrigger : Trigger
{
    private static readonly TaskCompletionSource Gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static void Open() => Gate.TrySetResult();

    public override async Task<TriggerEvent> RunAsync(TriggerContext context, CancellationToken cancellationToken)
    {
        await Gate.Task.WaitAsync(cancellationToken);
        return TriggerEvent.Of(true);
    }
}
