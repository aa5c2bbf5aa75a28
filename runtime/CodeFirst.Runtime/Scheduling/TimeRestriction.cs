namespace CodeFirst.Runtime.Scheduling;

/// <summary>
/// What limits the next automated run, as in Airflow's <c>TimeRestriction</c>: the DAG's start and
/// end dates (UTC) and whether missed intervals are caught up.
/// </summary>
public readonly record struct TimeRestriction(DateTimeOffset? Earliest, DateTimeOffset? Latest, bool Catchup);
