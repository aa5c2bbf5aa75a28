using CodeFirst.Runtime.State;
using CodeFirst.Samples.IotAlerts;
using CodeFirst.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CodeFirst.Samples.Tests;

/// <summary>The IoT sample's decision, with a fake alerts queue.</summary>
public sealed class IotAlertPipelineTests
{
    private static readonly DateTimeOffset Day = new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private sealed class FakePublisher : IAlertPublisher
    {
        public List<Alert> Published { get; } = [];

        public Task PublishAsync(Alert alert, CancellationToken cancellationToken)
        {
            Published.Add(alert);
            return Task.CompletedTask;
        }
    }

    [Theory]
    [InlineData(97.5, "critical")]
    [InlineData(85.0, "warning")]
    public async Task RunAsync_HotReading_PublishesOneAlertOfItsSeverity(double celsius, string severity)
    {
        var alerts = new FakePublisher();

        var result = await DagTestHost.RunAsync<IotAlertPipeline>(Day, new()
        {
            Services = s => s.AddSingleton<IAlertPublisher>(alerts),
            Conf = $$"""{"sensor":"boiler-1","celsius":{{celsius.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}""",
        });

        Assert.True(result.Succeeded);
        var alert = Assert.Single(alerts.Published);
        Assert.Equal(("boiler-1", celsius, severity), (alert.Sensor, alert.Celsius, alert.Severity));
    }

    [Fact]
    public async Task RunAsync_NormalReading_ShortCircuitsAndPublishesNothing()
    {
        var alerts = new FakePublisher();

        var result = await DagTestHost.RunAsync<IotAlertPipeline>(Day, new()
        {
            Services = s => s.AddSingleton<IAlertPublisher>(alerts),
            Conf = """{"sensor":"boiler-1","celsius":21.0}""",
        });

        Assert.True(result.Succeeded);
        Assert.Equal(TaskInstanceState.Skipped, result["publish_alert"].State);
        Assert.Empty(alerts.Published);
    }

    [Fact]
    public void Parse_NotAReading_SaysWhatWasExpected()
    {
        var error = Assert.Throws<FormatException>(() => Reading.Parse("""{"celsius":3}"""));

        Assert.StartsWith("Not a reading (expected {\"sensor\":…,\"celsius\":…})", error.Message, StringComparison.Ordinal);
    }
}
