using CodeFirst.Runtime.State;

namespace CodeFirst.Runtime.Storage;

/// <summary>One DAG run as stored.</summary>
public sealed record DagRunRecord(
    long Id,
    string DagId,
    string RunId,
    DagRunType RunType,
    DateTimeOffset LogicalDate,
    DateTimeOffset DataIntervalStart,
    DateTimeOffset DataIntervalEnd,
    DagRunState State,
    string Conf,
    DateTimeOffset QueuedAt,
    DateTimeOffset? StartDate,
    DateTimeOffset? EndDate);
