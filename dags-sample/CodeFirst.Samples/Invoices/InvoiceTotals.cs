using System.Globalization;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Samples.Invoices;

/// <summary>
/// Dynamic task mapping: <c>process_file</c> runs once per file that <c>list_files</c> finds
/// (one instance per map index, each retried and logged on its own), with the VAT rate as a
/// constant argument; <c>summarize</c> collects their results in map-index order.
/// </summary>
[Dag("invoice_totals", Schedule = "@daily", StartDate = "2024-01-01", Catchup = false,
     Tags = ["example", "mapping"], Description = "Totals every invoice file of the day, one mapped instance per file")]
public sealed partial class InvoiceTotals
{
    /// <summary>Where the sample's invoice files are shipped.</summary>
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "data", "invoices");

    [Task]
    public static string[] ListFiles() =>
        Directory.GetFiles(Folder, "*.csv").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();

    [Task]
    public static decimal VatRate() => 0.21m;

    [Task(Retries = 2, RetryDelay = "00:00:05", MaxMapLength = 100)]
    public static InvoiceFileTotal ProcessFile([Map] [FromTask(nameof(ListFiles))] string file, decimal vatRate, TaskContext context, ILogger log)
    {
        var amounts = File.ReadLines(Path.Combine(Folder, file)).Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => decimal.Parse(line.Split(',')[1], CultureInfo.InvariantCulture))
            .ToList();
        var net = amounts.Sum();
        log.LogInformation("Instance {MapIndex}: {File} has {Count} invoices, {Net} net", context.MapIndex, file, amounts.Count, net);
        return new InvoiceFileTotal(file, amounts.Count, net, Math.Round(net * (1 + vatRate), 2));
    }

    [Task]
    public static InvoiceSummary Summarize(IReadOnlyList<InvoiceFileTotal> processFile, ILogger log)
    {
        var summary = new InvoiceSummary(processFile.Count, processFile.Sum(f => f.Invoices), processFile.Sum(f => f.Gross),
            processFile.MaxBy(f => f.Gross)?.File ?? "");
        log.LogInformation("{Files} files, {Invoices} invoices, {Gross} gross", summary.Files, summary.Invoices, summary.Gross);
        return summary;
    }
}
