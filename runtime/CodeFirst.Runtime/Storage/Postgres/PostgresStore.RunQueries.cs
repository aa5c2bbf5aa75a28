using CodeFirst.Runtime.State;
using Npgsql;

namespace CodeFirst.Runtime.Storage.Postgres;

public sealed partial class PostgresStore : IDagRunQueries
{
    public async Task<DagRunPage> QueryRunsAsync(DagRunQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        const string Where = """
            (@dag::text IS NULL OR dag_id = @dag)
            AND (@from::timestamptz IS NULL OR logical_date >= @from) AND (@to::timestamptz IS NULL OR logical_date <= @to)
            AND (cardinality(@states) = 0 OR state = ANY(@states))
            AND (cardinality(@types) = 0 OR run_type = ANY(@types))
            """;
        void Bind(NpgsqlParameterCollection p)
        {
            p.AddText("dag", query.DagId);
            p.AddTime("from", query.LogicalDateFrom);
            p.AddTime("to", query.LogicalDateTo);
            p.AddTextArray("states", query.States.Select(s => s.Name()));
            p.AddTextArray("types", query.RunTypes.Select(RunTypeNames.Name));
        }

        var (runs, total) = await PageAsync("dag_runs", RunColumns, Where, "logical_date DESC, id DESC", Bind,
            query.Offset, query.Limit, ReadRunsAsync, cancellationToken);
        return new DagRunPage(runs, total);
    }

    public async Task<TaskInstancePage> QueryTaskInstancesAsync(TaskInstanceQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        const string Where = """
            (@dag::text IS NULL OR dag_id = @dag)
            AND (@from::timestamptz IS NULL OR end_date >= @from) AND (@to::timestamptz IS NULL OR end_date <= @to)
            AND (cardinality(@states) = 0 OR state = ANY(@states))
            """;
        void Bind(NpgsqlParameterCollection p)
        {
            p.AddText("dag", query.DagId);
            p.AddTime("from", query.EndDateFrom);
            p.AddTime("to", query.EndDateTo);
            p.AddTextArray("states", query.States.Distinct().Select(s => s.Name()));
        }

        var (instances, total) = await PageAsync("task_instances", TaskInstanceColumns, Where, "end_date DESC NULLS LAST, id DESC", Bind,
            query.Offset, query.Limit, ReadTaskInstancesAsync, cancellationToken);
        return new TaskInstancePage(instances, total);
    }

    /// <summary>One page of the rows of <paramref name="table"/> that match <paramref name="where"/>, and how many match in all.</summary>
    private async Task<(IReadOnlyList<T> Rows, int Total)> PageAsync<T>(string table, string columns, string where, string orderBy, Action<NpgsqlParameterCollection> bind,
        int offset, int limit, Func<NpgsqlCommand, CancellationToken, Task<IReadOnlyList<T>>> read, CancellationToken cancellationToken)
    {
        await using var count = _data.CreateCommand($"SELECT COUNT(*) FROM {table} WHERE {where};");
        bind(count.Parameters);
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);

        await using var page = _data.CreateCommand($"SELECT {columns} FROM {table} WHERE {where} ORDER BY {orderBy} LIMIT @limit OFFSET @offset;");
        bind(page.Parameters);
        page.Parameters.AddWithValue("limit", limit);
        page.Parameters.AddWithValue("offset", offset);
        return (await read(page, cancellationToken), total);
    }
}
