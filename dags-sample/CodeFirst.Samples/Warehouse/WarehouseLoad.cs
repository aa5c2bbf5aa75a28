using CodeFirst.Tasks;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Samples.Warehouse;

/// <summary>
/// Execution policies in one DAG: a Shell task whose last output line is its XCom value, a branch
/// that picks a full load on Sundays and an incremental load otherwise, both loads sharing the
/// 'warehouse' pool, retries with exponential backoff for every task, and a join that runs after
/// whichever branch ran.
/// </summary>
[Dag("warehouse_load", Schedule = "0 3 * * *", StartDate = "2024-01-01", Catchup = false,
     DefaultRetries = 2, DefaultRetryDelay = "00:00:05", DefaultRetryExponentialBackoff = true, DefaultMaxRetryDelay = "00:01:00",
     Tags = ["example", "branching", "shell"], Description = "Nightly warehouse load: shell export, branch, pool, backoff")]
public sealed partial class WarehouseLoad
{
    /// <summary>Counts the rows to load with a shell command; its last stdout line is the XCom value.</summary>
    [Task]
    public static async Task<int> CountRows(TaskContext ctx, CancellationToken ct)
    {
        var lastLine = await Shell.RunAsync(ctx, """echo "exporting orders for $DS"; echo $(( 6 * 7 ))""",
            new ShellOptions { Environment = new Dictionary<string, string?> { ["DS"] = ctx.Ds }, Timeout = TimeSpan.FromMinutes(5) }, ct);
        return int.Parse(lastLine!, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Task, Branch]
    public static string ChooseLoad(int countRows, TaskContext ctx) =>
        ctx.LogicalDate.DayOfWeek == DayOfWeek.Sunday || countRows > 1_000_000 ? "full_load" : "incremental_load";

    [Task(After = [nameof(ChooseLoad)], Pool = "warehouse", PoolSlots = 2)]
    public static void FullLoad(int countRows, ILogger log) => log.LogInformation("Full load of {Rows} rows", countRows);

    [Task(After = [nameof(ChooseLoad)], Pool = "warehouse")]
    public static void IncrementalLoad(int countRows, ILogger log) => log.LogInformation("Incremental load of {Rows} rows", countRows);

    [Task(After = [nameof(FullLoad), nameof(IncrementalLoad)], TriggerRule = TriggerRule.NoneFailedMinOneSuccess)]
    public static void Publish(ILogger log, TaskContext ctx) => log.LogInformation("Warehouse published for {Ds}", ctx.Ds);
}
