using CodeFirst.Samples.Weather;
using CodeFirst.Testing;

namespace CodeFirst.Samples.Tests;

public sealed class WeatherReportTests
{
    [Fact]
    public async Task RunAsync_FanOutFanIn_ReportJoinsTheThreeBranches()
    {
        var result = await DagTestHost.RunAsync<WeatherReport>(new DateTimeOffset(2024, 6, 1, 5, 0, 0, TimeSpan.Zero));

        Assert.True(result.Succeeded);
        var readings = result.Output<StationReading[]>("fetch_readings")!;
        Assert.Equal(4, readings.Length);
        var expected = $"min {readings.Min(r => r.TemperatureC)} °C, max {readings.Max(r => r.TemperatureC)} °C, mean {Math.Round(readings.Average(r => r.TemperatureC), 2)} °C";
        Assert.Equal(expected, result.Output<string>("report"));
    }

    [Fact]
    public async Task RunTaskAsync_Report_FormatsTheStatistics()
    {
        var result = await DagTestHost.RunTaskAsync<WeatherReport>("report", upstream: new Dictionary<string, object?>
        {
            ["minimum"] = -1.5, ["maximum"] = 20.0, ["mean"] = 8.25,
        });

        Assert.Equal("min -1.5 °C, max 20 °C, mean 8.25 °C", result.Output<string>());
    }
}
