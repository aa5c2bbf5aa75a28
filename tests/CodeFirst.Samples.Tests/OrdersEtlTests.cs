using CodeFirst.Runtime.State;
using CodeFirst.Samples.Orders;
using CodeFirst.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CodeFirst.Samples.Tests;

/// <summary>The sample ETL unit-tested the way users test their DAGs: CodeFirst.Testing, fakes, no database or server to set up.</summary>
public sealed class OrdersEtlTests
{
    private static readonly DateTimeOffset Day = new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private sealed class FakeSource(params Order[] orders) : IOrdersSource
    {
        public int Calls { get; private set; }

        public Task<OrderBatch> ReadAsync(DateTimeOffset day, CancellationToken cancellationToken)
        {
            Calls++;
            return orders.Length == 0
                ? throw new IOException("export not there yet")
                : Task.FromResult(new OrderBatch(DateOnly.FromDateTime(day.UtcDateTime), orders));
        }
    }

    [Fact]
    public async Task RunAsync_WithFakeSource_SummarisesTheDay()
    {
        var source = new FakeSource(new Order(1, "ACME", 10m, "EUR"), new Order(2, "Initech", 32.5m, "EUR"), new Order(3, "ACME", 5m, "EUR"));

        var result = await DagTestHost.RunAsync<OrdersEtl>(Day, new() { Services = s => s.AddSingleton<IOrdersSource>(source) });

        Assert.True(result.Succeeded);
        Assert.Equal(new Summary(new DateOnly(2024, 3, 1), 3, 47.5m, "Initech"), result.Output<Summary>("transform"));
        Assert.Contains(result["notify"].Log, l => l.Message == "Orders for 2024-03-01 loaded");
    }

    [Fact]
    public async Task RunAsync_SourceKeepsFailing_RetriesThenFailsAndDownstreamIsUpstreamFailed()
    {
        var source = new FakeSource();

        var result = await DagTestHost.RunAsync<OrdersEtl>(Day, new() { Services = s => s.AddSingleton<IOrdersSource>(source) });

        Assert.Equal(DagRunState.Failed, result.State);
        Assert.Equal((TaskInstanceState.Failed, 4), (result["extract"].State, result["extract"].Tries));
        Assert.Equal(4, source.Calls);
        Assert.Equal(TaskInstanceState.UpstreamFailed, result["transform"].State);
        Assert.Contains(result["extract"].Log, l => l.Message.Contains("export not there yet", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunTaskAsync_Transform_UsesTheGivenUpstreamValue()
    {
        var batch = new OrderBatch(new DateOnly(2024, 3, 1), [new Order(1, "Hooli", 99m, "EUR")]);

        // The DAG's constructor still asks for a source, even though transform does not use it.
        var result = await DagTestHost.RunTaskAsync<OrdersEtl>("transform", Day, new Dictionary<string, object?> { ["extract"] = batch },
            new() { Services = s => s.AddSingleton<IOrdersSource>(new FakeSource()) });

        Assert.Equal(new Summary(new DateOnly(2024, 3, 1), 1, 99m, "Hooli"), result.Output<Summary>());
    }

    [Fact]
    public async Task RunTaskAsync_MissingUpstreamValue_SaysWhichOne()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => DagTestHost.RunTaskAsync<OrdersEtl>("transform", Day));

        Assert.StartsWith("Task 'transform' reads the return values of extract; pass them in 'upstream'.", error.Message, StringComparison.Ordinal);
    }
}
