namespace CodeFirst.Runtime.Scheduling;

/// <summary>
/// <c>@once</c>: one run at the start date, whatever catchup says (Airflow's behaviour since 1.10);
/// no run without a start date, none after the first.
/// </summary>
internal sealed class OnceTimetable : ITimetable
{
    public static OnceTimetable Instance { get; } = new();

    public string Summary => "once";

    public DagRunInfo? NextDagRunInfo(DataInterval? lastAutomated, TimeRestriction restriction, DateTimeOffset now)
    {
        if (lastAutomated is not null || restriction.Earliest is not { } start)
        {
            return null;
        }

        start = start.ToUniversalTime();
        return restriction.Latest is { } latest && start > latest ? null : new DagRunInfo(new DataInterval(start, start), start);
    }

    public DataInterval InferManualDataInterval(DateTimeOffset runAfter) => new(runAfter.ToUniversalTime(), runAfter.ToUniversalTime());
}
