using CodeFirst.Runtime.State;
using CodeFirst.Samples.Invoices;
using CodeFirst.Testing;

namespace CodeFirst.Samples.Tests;

public sealed class InvoiceTotalsTests
{
    [Fact]
    public async Task RunAsync_ShippedFiles_OneInstancePerFileAndTheSummaryCollectsThemInOrder()
    {
        var result = await DagTestHost.RunAsync<InvoiceTotals>(new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero));

        Assert.True(result.Succeeded);
        var instances = result["process_file"].MappedInstances;
        Assert.Equal([0, 1, 2], instances.Select(i => i.MapIndex));
        Assert.All(instances, i => Assert.Equal(TaskInstanceState.Success, i.State));
        Assert.Equal(["north.csv", "south.csv", "west.csv"], instances.Select(i => i.Output<InvoiceFileTotal>()!.File));
        Assert.Equal(new InvoiceSummary(3, 6, 808.88m, "south.csv"), result.Output<InvoiceSummary>("summarize"));
    }

    [Fact]
    public async Task RunTaskAsync_ProcessFileAtMapIndex_GetsThatElementAndTheConstantRate()
    {
        var result = await DagTestHost.RunTaskAsync<InvoiceTotals>("process_file",
            upstream: new Dictionary<string, object?> { ["list_files"] = new[] { "north.csv", "west.csv" }, ["vat_rate"] = 0.1m },
            options: new DagTestOptions { MapIndex = 1 });

        Assert.Equal(new InvoiceFileTotal("west.csv", 1, 99.99m, 109.99m), result.Output<InvoiceFileTotal>());
    }

    [Fact]
    public async Task RunTaskAsync_MappedTaskWithoutMapIndex_SaysWhichOptionToSet()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => DagTestHost.RunTaskAsync<InvoiceTotals>("process_file",
            upstream: new Dictionary<string, object?> { ["list_files"] = new[] { "north.csv" }, ["vat_rate"] = 0.1m }));

        Assert.Contains("DagTestOptions.MapIndex", error.Message, StringComparison.Ordinal);
    }
}
