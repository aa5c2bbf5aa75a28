using CodeFirst;
using Microsoft.Extensions.Logging;

namespace MyDags.Dags;

/// <summary>
/// An example pipeline: extract readings, summarise them, report. A parameter named after an
/// upstream task receives its return value (XCom); <c>After</c> orders tasks without data.
/// Try it: <c>dotnet run -- dags test example_etl 2024-03-01</c>.
/// </summary>
[Dag("example_etl", Schedule = "@daily", StartDate = "2024-01-01", Catchup = false,
     MaxActiveRuns = 1, Tags = ["example"], Description = "An example extract-transform-report pipeline")]
public sealed partial class ExampleEtl
{
    [Task(Retries = 2, RetryDelay = "00:00:05")]
    public int[] Extract(TaskContext ctx) => [3, 1, 4, 1, 5, 9, 2, 6];

    [Task]
    public Summary Transform(int[] extract) => new(extract.Length, extract.Sum(), extract.Max());

    [Task]
    public void Report(Summary transform, TaskContext ctx, ILogger log) =>
        log.LogInformation("{Ds}: {Count} readings, total {Total}, max {Max}", ctx.Ds, transform.Count, transform.Total, transform.Max);

    [Task(After = [nameof(Report)])]
    public void Notify(ILogger log) => log.LogInformation("example_etl done");
}
