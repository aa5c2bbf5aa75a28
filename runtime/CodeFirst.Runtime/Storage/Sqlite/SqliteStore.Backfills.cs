using Microsoft.Data.Sqlite;

namespace CodeFirst.Runtime.Storage.Sqlite;

public sealed partial class SqliteStore
{
    private const string BackfillColumns =
        "id, dag_id, from_date, to_date, reprocess, max_active_runs, run_backwards, conf, state, created_at, completed_at";

    public async Task<BackfillRecord> CreateBackfillAsync(NewBackfill backfill, IReadOnlyList<NewBackfillDate> dates, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var lease = await WriteAsync(cancellationToken);
        var connection = lease.Connection;
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var running = Command(connection, "SELECT id FROM backfills WHERE dag_id = $dag AND state = 'running' LIMIT 1;", tx))
        {
            running.Parameters.AddWithValue("$dag", backfill.DagId);
            if (await running.ExecuteScalarAsync(cancellationToken) is long existing)
                throw new InvalidOperationException($"DAG '{backfill.DagId}' already has a running backfill ({existing}); cancel it or wait for it to finish.");
        }
        await using var insert = Command(connection, $"""
            INSERT INTO backfills (dag_id, from_date, to_date, reprocess, max_active_runs, run_backwards, conf, state, created_at)
            VALUES ($dag, $from, $to, $reprocess, $max, $backwards, $conf, 'running', $now) RETURNING {BackfillColumns};
            """, tx);
        insert.Parameters.AddWithValue("$dag", backfill.DagId);
        insert.Parameters.AddWithValue("$from", DbTime.ToDb(backfill.From));
        insert.Parameters.AddWithValue("$to", DbTime.ToDb(backfill.To));
        insert.Parameters.AddWithValue("$reprocess", BackfillNames.Name(backfill.Reprocess));
        insert.Parameters.AddWithValue("$max", backfill.MaxActiveRuns);
        insert.Parameters.AddWithValue("$backwards", backfill.RunBackwards ? 1 : 0);
        insert.Parameters.AddWithValue("$conf", backfill.Conf);
        insert.Parameters.AddWithValue("$now", DbTime.ToDb(now));
        var created = (await ReadBackfillsAsync(insert, cancellationToken)).Single();
        await using (var date = Command(connection, """
            INSERT INTO backfill_dates (backfill_id, sort_ordinal, logical_date, data_interval_start, data_interval_end, existing_run_id, state)
            VALUES ($id, $ordinal, $logical, $start, $end, $existing, 'pending');
            """, tx))
        {
            date.Parameters.AddWithValue("$id", created.Id);
            var ordinal = date.Parameters.Add("$ordinal", SqliteType.Integer);
            var logical = date.Parameters.Add("$logical", SqliteType.Integer);
            var start = date.Parameters.Add("$start", SqliteType.Integer);
            var end = date.Parameters.Add("$end", SqliteType.Integer);
            var existing = date.Parameters.Add("$existing", SqliteType.Text);
            for (var i = 0; i < dates.Count; i++)
            {
                ordinal.Value = i;
                logical.Value = DbTime.ToDb(dates[i].LogicalDate);
                start.Value = DbTime.ToDb(dates[i].DataIntervalStart);
                end.Value = DbTime.ToDb(dates[i].DataIntervalEnd);
                existing.Value = (object?)dates[i].ExistingRunId ?? DBNull.Value;
                await date.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await tx.CommitAsync(cancellationToken);
        return created;
    }

    public async Task<BackfillRecord?> GetBackfillAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, $"SELECT {BackfillColumns} FROM backfills WHERE id = $id;");
        command.Parameters.AddWithValue("$id", id);
        return (await ReadBackfillsAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<BackfillRecord>> ListBackfillsAsync(string? dagId, bool runningOnly, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, $"""
            SELECT {BackfillColumns} FROM backfills
            WHERE ($dag IS NULL OR dag_id = $dag) AND ($running = 0 OR state = 'running') ORDER BY id DESC;
            """);
        command.Parameters.AddWithValue("$dag", (object?)dagId ?? DBNull.Value);
        command.Parameters.AddWithValue("$running", runningOnly ? 1 : 0);
        return await ReadBackfillsAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<BackfillDateRecord>> ListBackfillDatesAsync(long backfillId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, """
            SELECT backfill_id, sort_ordinal, logical_date, data_interval_start, data_interval_end, existing_run_id, run_pk, state
            FROM backfill_dates WHERE backfill_id = $id ORDER BY sort_ordinal;
            """);
        command.Parameters.AddWithValue("$id", backfillId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var dates = new List<BackfillDateRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            dates.Add(new BackfillDateRecord(
                reader.GetInt64(0), reader.GetInt32(1),
                DbTime.FromDb(reader.GetInt64(2)), DbTime.FromDb(reader.GetInt64(3)), DbTime.FromDb(reader.GetInt64(4)),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetInt64(6),
                BackfillNames.ParseDateState(reader.GetString(7))));
        }
        return dates;
    }

    public async Task<bool> SetBackfillDateAsync(long backfillId, int sortOrdinal, long? runPk, BackfillDateState state, CancellationToken cancellationToken)
    {
        await using var lease = await WriteAsync(cancellationToken);
        await using var command = Command(lease.Connection, """
            UPDATE backfill_dates SET run_pk = $pk, state = $state
            WHERE backfill_id = $id AND sort_ordinal = $ordinal AND state = 'pending';
            """);
        command.Parameters.AddWithValue("$pk", (object?)runPk ?? DBNull.Value);
        command.Parameters.AddWithValue("$state", BackfillNames.Name(state));
        command.Parameters.AddWithValue("$id", backfillId);
        command.Parameters.AddWithValue("$ordinal", sortOrdinal);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> FinishBackfillAsync(long id, BackfillState to, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var lease = await WriteAsync(cancellationToken);
        await using var command = Command(lease.Connection, "UPDATE backfills SET state = $to, completed_at = $now WHERE id = $id AND state = 'running';");
        command.Parameters.AddWithValue("$to", BackfillNames.Name(to));
        command.Parameters.AddWithValue("$now", DbTime.ToDb(now));
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static async Task<IReadOnlyList<BackfillRecord>> ReadBackfillsAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var backfills = new List<BackfillRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            backfills.Add(new BackfillRecord(
                reader.GetInt64(0), reader.GetString(1),
                DbTime.FromDb(reader.GetInt64(2)), DbTime.FromDb(reader.GetInt64(3)),
                BackfillNames.ParseReprocess(reader.GetString(4)), reader.GetInt32(5), reader.GetInt64(6) != 0, reader.GetString(7),
                BackfillNames.ParseState(reader.GetString(8)), DbTime.FromDb(reader.GetInt64(9)),
                reader.IsDBNull(10) ? null : DbTime.FromDb(reader.GetInt64(10))));
        }
        return backfills;
    }
}
