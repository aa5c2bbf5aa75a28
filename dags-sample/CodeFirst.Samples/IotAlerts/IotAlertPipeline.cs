using Microsoft.Extensions.Logging;

namespace CodeFirst.Samples.IotAlerts;

/// <summary>
/// An IoT alert pipeline: every reading that arrives on the readings queue is an asset event, and
/// (the asset being per-event) its own run: parse it, decide whether it is alarming, and if so
/// publish an alert. A manual run (<c>dags test</c>, <c>dags trigger --conf</c>) evaluates the
/// reading in its conf instead, or a sample one.
/// </summary>
[Dag("iot_alerts", Schedule = "asset:" + IotAssets.Readings, MaxActiveRuns = 32, Tags = ["example", "events"],
     Description = "Evaluates each sensor reading and publishes an alert when it is too hot")]
public sealed partial class IotAlertPipeline(IAlertPublisher alerts)
{
    public const double WarningCelsius = 80;
    public const double CriticalCelsius = 95;

    [Task]
    public static Reading Parse(TaskContext ctx) => ctx.TriggeringAssetEvents switch
    {
        [var reading] => Reading.Parse(reading.PayloadJson),
        [] when ctx.GetConf<string>("sensor") is { } sensor => new Reading(sensor, ctx.GetConf<double>("celsius")),
        [] => new Reading("sample-boiler", 97.5),
        var many => throw new TaskFailedException($"Expected one reading per run, got {many.Count}: is {IotAssets.Readings} per-event?"),
    };

    [Task, ShortCircuit]
    public static bool IsAlarming(Reading parse) => parse.Celsius >= WarningCelsius;

    [Task(After = [nameof(IsAlarming)], Retries = 3, RetryDelay = "00:00:05")]
    public async Task<Alert> PublishAlert(Reading parse, TaskContext ctx, ILogger log, CancellationToken ct)
    {
        var alert = new Alert(parse.Sensor, parse.Celsius, parse.Celsius >= CriticalCelsius ? "critical" : "warning", ctx.RunId);
        await alerts.PublishAsync(alert, ct);
        log.LogWarning("{Severity} alert: {Sensor} at {Celsius} °C", alert.Severity, alert.Sensor, alert.Celsius);
        return alert;
    }
}
