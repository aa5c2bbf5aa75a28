using Microsoft.Extensions.Logging;

namespace CodeFirst.Samples.Weather;

/// <summary>
/// Parallel branches that fan back in: three statistics computed at once from one fetch,
/// joined into a report once all three succeeded.
/// </summary>
[Dag("weather_report", Schedule = "0 * * * *", StartDate = "2024-01-01", Catchup = false,
     Tags = ["example", "fan-in"], Description = "Hourly min/max/mean over the stations' readings")]
public sealed partial class WeatherReport
{
    [Task]
    public static StationReading[] FetchReadings(TaskContext ctx)
    {
        // Deterministic per interval so reruns of a run see the same data.
        var random = new Random(ctx.LogicalDate.Hour);
        string[] stations = ["Berlin", "Lisbon", "Oslo", "Rome"];
        return stations.Select(s => new StationReading(s, Math.Round(random.NextDouble() * 30 - 5, 1))).ToArray();
    }

    [Task]
    public static double Minimum(StationReading[] fetchReadings) => fetchReadings.Min(r => r.TemperatureC);

    [Task]
    public static double Maximum(StationReading[] fetchReadings) => fetchReadings.Max(r => r.TemperatureC);

    [Task]
    public static double Mean(StationReading[] fetchReadings) => Math.Round(fetchReadings.Average(r => r.TemperatureC), 2);

    [Task]
    public static string Report(double minimum, double maximum, double mean, ILogger log)
    {
        var report = $"min {minimum} °C, max {maximum} °C, mean {mean} °C";
        log.LogInformation("Report: {Report}", report);
        return report;
    }
}
