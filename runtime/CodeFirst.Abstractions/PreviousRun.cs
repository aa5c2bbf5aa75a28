namespace CodeFirst;

/// <summary>
/// A run of the same DAG before this one (by logical date), as Airflow's <c>prev_data_interval_start_success</c>,
/// <c>prev_data_interval_end_success</c>, <c>prev_start_date_success</c> and <c>prev_end_date_success</c> describe it.
/// </summary>
public sealed record PreviousRun(
    string RunId,
    DateTimeOffset LogicalDate,
    DateTimeOffset DataIntervalStart,
    DateTimeOffset DataIntervalEnd,
    DateTimeOffset? StartDate,
    DateTimeOffset? EndDate);
