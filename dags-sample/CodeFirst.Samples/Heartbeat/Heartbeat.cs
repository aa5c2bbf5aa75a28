using Microsoft.Extensions.Logging;

namespace CodeFirst.Samples.Heartbeat;

/// <summary>
/// A continuous DAG: the scheduler starts the next run as soon as the previous one ends (one at a
/// time, so MaxActiveRuns must be 1). A run that hangs longer than DagRunTimeout is failed.
/// </summary>
[Dag("heartbeat", Schedule = "@continuous", StartDate = "2024-01-01", MaxActiveRuns = 1, DagRunTimeout = "00:05:00",
     Params = typeof(HeartbeatParams), IsPausedUponCreation = true, Tags = ["example", "continuous"],
     Description = "Checks a target over and over; unpause it to start the loop")]
public sealed partial class Heartbeat
{
    [Task]
    public static string Check(TaskContext ctx, ILogger log)
    {
        var parameters = ctx.GetParams<HeartbeatParams>();
        log.LogInformation("Checking {Target} (timeout {Timeout} s) for {Start:O}-{End:O}",
            parameters.Target, parameters.TimeoutSeconds, ctx.DataIntervalStart, ctx.DataIntervalEnd);
        return parameters.Target;
    }
}
