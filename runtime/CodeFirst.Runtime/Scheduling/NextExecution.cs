namespace CodeFirst.Runtime.Scheduling;

/// <summary>
/// One upcoming automated run (<c>dags next-execution</c>): its logical date and data interval and when
/// the scheduler will create it, in UTC and in the DAG's time zone.
/// </summary>
public sealed record NextExecution(
    DateTimeOffset LogicalDate,
    DateTimeOffset DataIntervalStart,
    DateTimeOffset DataIntervalEnd,
    DateTimeOffset RunAfter,
    string Timezone,
    DateTimeOffset LogicalDateLocal,
    DateTimeOffset DataIntervalStartLocal,
    DateTimeOffset DataIntervalEndLocal,
    DateTimeOffset RunAfterLocal);
