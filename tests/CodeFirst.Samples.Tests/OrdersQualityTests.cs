using CodeFirst.Runtime.State;
using CodeFirst.Samples.Orders;
using CodeFirst.Samples.Quality;
using CodeFirst.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CodeFirst.Samples.Tests;

/// <summary>The task-group and multiple-outputs sample, tested with CodeFirst.Testing.</summary>
public sealed class OrdersQualityTests
{
    private static readonly DateTimeOffset Day = new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private sealed class FakeSource(params Order[] orders) : IOrdersSource
    {
        public Task<OrderBatch> ReadAsync(DateTimeOffset day, CancellationToken cancellationToken) =>
            Task.FromResult(new OrderBatch(DateOnly.FromDateTime(day.UtcDateTime), orders));
    }

    private static Task<DagTestResult> RunAsync(params Order[] orders) =>
        DagTestHost.RunAsync<OrdersQuality>(Day, new() { Services = s => s.AddSingleton<IOrdersSource>(new FakeSource(orders)) });

    [Fact]
    public void Definition_Groups_PrefixTaskIdsAndChainTheGroups()
    {
        var dag = OrdersQuality.Definition;

        Assert.Equal(["ingestion.read", "ingestion.profile", "quality.check_not_empty", "quality.check_amounts", "quality.check_currency", "publish"], dag.Tasks.Select(t => t.TaskId));
        Assert.All(dag.Tasks.Where(t => t.TaskId.StartsWith("quality.", StringComparison.Ordinal)), t => Assert.Equal(["ingestion.profile"], t.Upstream));
        Assert.Equal(["quality.check_amounts", "quality.check_currency", "quality.check_not_empty"], dag.GetTask("publish").Upstream.Except(["ingestion.profile"]));
        Assert.Equal(["Count", "Currencies", "Smallest", "Total"], dag.GetTask("ingestion.profile").OutputKeys);
        Assert.Equal("Profiles the batch; downstream tasks bind to single properties of the profile.", dag.GetTask("ingestion.profile").Doc);
    }

    [Fact]
    public async Task RunAsync_GoodDay_ChecksPassAndPublishGetsTheTotalKey()
    {
        var result = await RunAsync(new Order(1, "ACME", 10m, "EUR"), new Order(2, "Initech", 32.5m, "EUR"));

        Assert.True(result.Succeeded);
        Assert.Equal(2, result.Output<int>("quality.check_not_empty"));
        Assert.Equal("EUR", result.Output<string>("quality.check_currency"));
        Assert.Equal("2024-03-01: 42.5", result.Output<string>("publish"));
    }

    [Fact]
    public async Task RunAsync_EmptyDay_CheckFailsAndPublishIsUpstreamFailed()
    {
        var result = await RunAsync();

        Assert.Equal(DagRunState.Failed, result.State);
        Assert.Equal(TaskInstanceState.Failed, result["quality.check_not_empty"].State);
        Assert.Contains(result["quality.check_not_empty"].Log, l => l.Message.Contains("The day has no orders", StringComparison.Ordinal));
        Assert.Equal(TaskInstanceState.UpstreamFailed, result["publish"].State);
    }

    [Fact]
    public async Task RunTaskAsync_CheckCurrency_TakesItsKeyFromTheGivenProfile()
    {
        var profile = new OrderProfile(2, 10m, 1m, ["EUR", "USD"]);

        var error = await Assert.ThrowsAsync<TaskFailedException>(() => DagTestHost.RunTaskAsync<OrdersQuality>("quality.check_currency", Day,
            new Dictionary<string, object?> { ["ingestion.profile"] = profile },
            new() { Services = s => s.AddSingleton<IOrdersSource>(new FakeSource()) }));

        Assert.Equal("The day mixes currencies: EUR, USD.", error.Message);
    }
}
