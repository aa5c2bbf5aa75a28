using System.Data.Common;
using CodeFirst.Runtime.State;

namespace CodeFirst.Runtime.Storage;

/// <summary>What is in flight right now: task instances waiting for or holding a slot, and triggers being run.</summary>
public sealed record ActiveCounts(IReadOnlyList<ActiveTaskCount> TaskInstances, int RunningTriggers)
{
    /// <summary>
    /// Reads the two result sets both stores' queries return: (queue, pool, state, count) rows, then
    /// one row with the running-trigger count.
    /// </summary>
    internal static async Task<ActiveCounts> ReadAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var tasks = new List<ActiveTaskCount>();
        while (await reader.ReadAsync(cancellationToken))
            tasks.Add(new ActiveTaskCount(reader.GetString(0), reader.GetString(1), StateNames.ParseTaskState(reader.GetString(2)), reader.GetInt32(3)));
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new ActiveCounts(tasks, reader.GetInt32(0));
    }
}
