using System.Diagnostics.Metrics;

namespace CodeFirst.Runtime.Diagnostics;

/// <summary>
/// The runtime's instruments (System.Diagnostics.Metrics, meter "CodeFirst"): what Airflow
/// operators watch. Exporters (the server's Prometheus endpoint, OpenTelemetry) listen to the meter.
/// </summary>
public static class CodeFirstMetrics
{
    public const string MeterName = "CodeFirst";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Task instance tries that ended, by dag_id and state (success, failed, up_for_retry, skipped, …).</summary>
    public static readonly Counter<long> TaskInstancesFinished = Meter.CreateCounter<long>(
        "codefirst_task_instances_finished", description: "Task instance tries that ended, by DAG and resulting state");

    /// <summary>How long tries ran, by dag_id.</summary>
    public static readonly Histogram<double> TaskDuration = Meter.CreateHistogram<double>(
        "codefirst_task_duration_seconds", unit: "s", description: "Duration of task instance tries");

    /// <summary>How long one scheduler pass took.</summary>
    public static readonly Histogram<double> SchedulerLoopDuration = Meter.CreateHistogram<double>(
        "codefirst_scheduler_loop_duration_seconds", unit: "s", description: "Duration of one scheduling pass");

    /// <summary>Lease renewals by workers.</summary>
    public static readonly Counter<long> Heartbeats = Meter.CreateCounter<long>(
        "codefirst_worker_heartbeats", description: "Lease renewals sent by workers");

    /// <summary>Runs created, by dag_id and run_type.</summary>
    public static readonly Counter<long> RunsCreated = Meter.CreateCounter<long>(
        "codefirst_dag_runs_created", description: "DAG runs created, by DAG and run type");

    /// <summary>Triggers that fired (their deferred task instance was queued to resume), by the triggerer that ran them.</summary>
    public static readonly Counter<long> TriggersFired = Meter.CreateCounter<long>(
        "codefirst_triggers_fired", description: "Triggers that fired and queued their deferred task instance");

    /// <summary>From the asset event that completed an asset-triggered run's condition to that run starting, by dag_id.</summary>
    public static readonly Histogram<double> AssetEventToRunLatency = Meter.CreateHistogram<double>(
        "codefirst_asset_event_to_run_seconds", unit: "s", description: "Delay from the latest asset event a run consumed to the run starting");

    /// <summary>Zombie tries failed or retried by a scheduler.</summary>
    public static readonly Counter<long> Zombies = Meter.CreateCounter<long>(
        "codefirst_zombies", description: "Running task instances whose worker stopped heartbeating");
}
