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

        await using var count = _data.CreateCommand($"SELECT COUNT(*) FROM dag_runs WHERE {Where};");
        Bind(count.Parameters);
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);

        await using var select = _data.CreateCommand($"""
            SELECT {RunColumns} FROM dag_runs WHERE {Where}
            ORDER BY logical_date DESC, id DESC LIMIT @limit OFFSET @offset;
            """);
        Bind(select.Parameters);
        select.Parameters.AddWithValue("limit", query.Limit);
        select.Parameters.AddWithValue("offset", query.Offset);
        return new DagRunPage(await ReadRunsAsync(select, cancellationToken), total);
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

        await using var count = _data.CreateCommand($"SELECT COUNT(*) FROM task_instances WHERE {Where};");
        Bind(count.Parameters);
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);

        await using var select = _data.CreateCommand($"""
            SELECT {TaskInstanceColumns} FROM task_instances WHERE {Where}
            ORDER BY end_date DESC NULLS LAST, id DESC LIMIT @limit OFFSET @offset;
            """);
        Bind(select.Parameters);
        select.Parameters.AddWithValue("limit", query.Limit);
        select.Parameters.AddWithValue("offset", query.Offset);
        return new TaskInstancePage(await ReadTaskInstancesAsync(select, cancellationToken), total);
    }
}
