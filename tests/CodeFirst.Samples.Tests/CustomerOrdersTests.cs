using CodeFirst.Definitions;
using CodeFirst.Samples.Customers;
using CodeFirst.Samples.Orders;
using CodeFirst.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CodeFirst.Samples.Tests;

/// <summary>The config-driven DAG family sample: members from code and from data/customers.json.</summary>
public sealed class CustomerOrdersTests
{
    private static readonly DateTimeOffset Day = new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private sealed class FakeSource : IOrdersSource
    {
        public Task<OrderBatch> ReadAsync(DateTimeOffset day, CancellationToken cancellationToken) =>
            Task.FromResult(new OrderBatch(DateOnly.FromDateTime(day.UtcDateTime),
                [new Order(1, "ACME Corp", 1000m, "EUR"), new Order(2, "ACME Corp", 900m, "EUR"), new Order(3, "Initech", 40m, "EUR")]));
    }

    private static DagDefinition Member(string dagId) => CustomerOrders.Family.Expand().Single(d => d.DagId == dagId);

    private static Task<DagTestResult> RunAsync(DagDefinition dag) =>
        DagTestHost.RunAsync(dag, Day, new() { Services = s => s.AddSingleton<IOrdersSource>(new FakeSource()) });

    [Fact]
    public void Family_CodeAndFileMembers_EachWithItsScheduleAndTags()
    {
        var members = CustomerOrders.Family.Expand();

        Assert.Equal(["customer_orders_acme", "customer_orders_globex", "customer_orders_initech", "customer_orders_umbrella"], members.Select(d => d.DagId));
        Assert.Equal("0 6 * * *", Member("customer_orders_globex").Schedule);
        Assert.Equal("@daily", Member("customer_orders_initech").Schedule);
        Assert.Equal(["example", "family", "initech"], Member("customer_orders_initech").Tags);
    }

    [Fact]
    public async Task RunAsync_AcmeAboveItsThreshold_Alerts()
    {
        var result = await RunAsync(Member("customer_orders_acme"));

        Assert.True(result.Succeeded);
        Assert.Equal(new CustomerTotals("ACME Corp", 2, 1900m), result.Output<CustomerTotals>("summarise"));
        Assert.True(result.Output<bool>("alert"));
    }

    [Fact]
    public async Task RunAsync_FileMemberWithItsOwnThreshold_UsesTheFilesParams()
    {
        var result = await RunAsync(Member("customer_orders_initech"));

        Assert.Equal(new CustomerTotals("Initech", 1, 40m), result.Output<CustomerTotals>("summarise"));
        Assert.False(result.Output<bool>("alert"));
    }

    [Fact]
    public async Task RunAsync_MemberBuiltInTheTest_ConfOverridesItsDefaults()
    {
        var dag = CustomerOrders.CreateDefinition(new DagFamilyEntry("customer_orders_test") { ParamsJson = """{"customer": "Initech"}""" });

        var result = await DagTestHost.RunAsync(dag, Day, new()
        {
            Services = s => s.AddSingleton<IOrdersSource>(new FakeSource()),
            Conf = """{"alert_above": 10}""",
        });

        Assert.True(result.Output<bool>("alert"));
    }
}
