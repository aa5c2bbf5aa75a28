using CodeFirst.Runtime.State;
using Microsoft.Data.Sqlite;

namespace CodeFirst.Runtime.Storage.Sqlite;

public sealed partial class SqliteStore : IDagRunQueries
{
    public async Task<DagRunPage> QueryRunsAsync(DagRunQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var states = query.States.Select((s, i) => (Name: $"$s{i}", Value: s.Name())).ToArray();
        var types = query.RunTypes.Select((t, i) => (Name: $"$t{i}", Value: RunTypeNames.Name(t))).ToArray();
        var where = $"""
            ($dag IS NULL OR dag_id = $dag)
            AND ($from IS NULL OR logical_date >= $from) AND ($to IS NULL OR logical_date <= $to)
            {(states.Length == 0 ? "" : $"AND state IN ({string.Join(',', states.Select(s => s.Name))})")}
            {(types.Length == 0 ? "" : $"AND run_type IN ({string.Join(',', types.Select(t => t.Name))})")}
            """;
        void Bind(SqliteParameterCollection p)
        {
            p.AddWithValue("$dag", (object?)query.DagId ?? DBNull.Value);
            p.AddWithValue("$from", DbTime.ToDb(query.LogicalDateFrom));
            p.AddWithValue("$to", DbTime.ToDb(query.LogicalDateTo));
            foreach (var (name, value) in states.Concat(types)) p.AddWithValue(name, value);
        }

        var (runs, total) = await PageAsync("dag_runs", RunColumns, where, "logical_date DESC, id DESC", Bind,
            query.Offset, query.Limit, ReadRunsAsync, cancellationToken);
        return new DagRunPage(runs, total);
    }

    public async Task<TaskInstancePage> QueryTaskInstancesAsync(TaskInstanceQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        // State names are the enum's own, written as literals so SQLite can use the partial index on failed rows.
        var where = $"""
            ($dag IS NULL OR dag_id = $dag)
            AND ($from IS NULL OR end_date >= $from) AND ($to IS NULL OR end_date <= $to)
            {(query.States.Count == 0 ? "" : $"AND state IN ({string.Join(',', query.States.Distinct().Select(s => $"'{s.Name()}'"))})")}
            """;
        void Bind(SqliteParameterCollection p)
        {
            p.AddWithValue("$dag", (object?)query.DagId ?? DBNull.Value);
            p.AddWithValue("$from", DbTime.ToDb(query.EndDateFrom));
            p.AddWithValue("$to", DbTime.ToDb(query.EndDateTo));
        }

        // SQLite sorts NULL lowest, so instances without an end date come last in descending order.
        var (instances, total) = await PageAsync("task_instances", TaskInstanceColumns, where, "end_date DESC, id DESC", Bind,
            query.Offset, query.Limit, ReadTaskInstancesAsync, cancellationToken);
        return new TaskInstancePage(instances, total);
    }

    /// <summary>One page of the rows of <paramref name="table"/> that match <paramref name="where"/>, and how many match in all.</summary>
    private async Task<(IReadOnlyList<T> Rows, int Total)> PageAsync<T>(string table, string columns, string where, string orderBy, Action<SqliteParameterCollection> bind,
        int offset, int limit, Func<SqliteCommand, CancellationToken, Task<IReadOnlyList<T>>> read, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var count = Command(connection, $"SELECT COUNT(*) FROM {table} WHERE {where};");
        bind(count.Parameters);
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);

        await using var page = Command(connection, $"SELECT {columns} FROM {table} WHERE {where} ORDER BY {orderBy} LIMIT $limit OFFSET $offset;");
        bind(page.Parameters);
        page.Parameters.AddWithValue("$limit", limit);
        page.Parameters.AddWithValue("$offset", offset);
        return (await read(page, cancellationToken), total);
    }
}
