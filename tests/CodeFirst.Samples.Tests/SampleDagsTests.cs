using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CodeFirst.Samples.Tests;

/// <summary>
/// The sample application as a user runs it: its built program, its shipped CSV, its real
/// command line. 'dags test' must pass for every sample DAG.
/// </summary>
public sealed class SampleDagsTests
{
    private static readonly string SampleDll = Path.Combine(AppContext.BaseDirectory, "CodeFirst.Samples.dll");

    [Theory]
    [InlineData("orders_etl", new[] { "extract", "transform", "load", "notify" })]
    [InlineData("weather_report", new[] { "fetch_readings", "minimum", "maximum", "mean", "report" })]
    [InlineData("warehouse_load", new[] { "count_rows", "choose_load", "incremental_load", "publish" })]
    [InlineData("publish_orders", new[] { "extract", "publish" })]
    [InlineData("refresh_order_stats", new[] { "refresh" })]
    [InlineData("heartbeat", new[] { "check" })]
    [InlineData("orders_quality", new[] { "ingestion.read", "ingestion.profile", "quality.check_not_empty", "quality.check_amounts", "quality.check_currency", "publish" })]
    [InlineData("customer_orders_acme", new[] { "summarise", "alert" })]
    [InlineData("customer_orders_umbrella", new[] { "summarise", "alert" })]
    [InlineData("file_landing_etl", new[] { "wait_for_files", "load", "mark_loaded" })]
    [InlineData("iot_alerts", new[] { "parse", "is_alarming", "publish_alert" })]
    [InlineData("invoice_totals", new[] { "list_files", "vat_rate", "process_file[0]", "process_file[1]", "process_file[2]", "summarize" })]
    public async Task DagsTest_SampleDag_EveryTaskSucceeds(string dagId, string[] tasks)
    {
        var work = Directory.CreateTempSubdirectory("codefirst-sample-").FullName;
        try
        {
            var (code, output) = await RunSampleAsync(work, "dags", "test", dagId, "2024-01-02");

            Assert.True(code == 0, output);
            foreach (var task in tasks) Assert.Matches($@"\n{Regex.Escape(task)}\s+success\s+1/\d", output);
            Assert.Contains($"Run manual__2024-01-02T00:00:00+00:00: success", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task OrdersEtl_Load_WritesTheSummaryOfTheShippedCsv()
    {
        var work = Directory.CreateTempSubdirectory("codefirst-sample-").FullName;
        try
        {
            var (code, output) = await RunSampleAsync(work, "dags", "test", "orders_etl", "2024-01-02");
            Assert.True(code == 0, output);

            var summary = await File.ReadAllTextAsync(Path.Combine(work, ".codefirst", "output", "orders_20240102.json"));
            Assert.Equal("""{"day":"2024-01-02","orders":8,"total":4799.74,"topCustomer":"Umbrella"}""", summary);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<(int Code, string Output)> RunSampleAsync(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(SampleDll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(limit.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
