using Npgsql;
using NpgsqlTypes;

namespace CodeFirst.Runtime.Storage.Postgres;

public sealed partial class PostgresStore
{
    private const string BackfillColumns =
        "id, dag_id, from_date, to_date, reprocess, max_active_runs, run_backwards, conf, state, created_at, completed_at";

    public async Task<BackfillRecord> CreateBackfillAsync(NewBackfill backfill, IReadOnlyList<NewBackfillDate> dates, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await _data.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        // One running backfill per DAG: creators of backfills of the same DAG take turns on this lock.
        await using (var running = new NpgsqlCommand("""
            SELECT pg_advisory_xact_lock(hashtext('codefirst.backfill'), hashtext(@dag));
            SELECT id FROM backfills WHERE dag_id = @dag AND state = 'running' LIMIT 1;
            """, connection, tx))
        {
            running.Parameters.AddWithValue("dag", backfill.DagId);
            await using var reader = await running.ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
                throw new InvalidOperationException($"DAG '{backfill.DagId}' already has a running backfill ({reader.GetInt64(0)}); cancel it or wait for it to finish.");
        }
        await using var insert = new NpgsqlCommand($"""
            INSERT INTO backfills (dag_id, from_date, to_date, reprocess, max_active_runs, run_backwards, conf, state, created_at)
            VALUES (@dag, @from, @to, @reprocess, @max, @backwards, @conf, 'running', @now) RETURNING {BackfillColumns};
            """, connection, tx);
        insert.Parameters.AddWithValue("dag", backfill.DagId);
        insert.Parameters.AddTime("from", backfill.From);
        insert.Parameters.AddTime("to", backfill.To);
        insert.Parameters.AddWithValue("reprocess", BackfillNames.Name(backfill.Reprocess));
        insert.Parameters.AddWithValue("max", backfill.MaxActiveRuns);
        insert.Parameters.AddWithValue("backwards", backfill.RunBackwards);
        insert.Parameters.AddWithValue("conf", backfill.Conf);
        insert.Parameters.AddTime("now", now);
        var created = (await ReadBackfillsAsync(insert, cancellationToken)).Single();
        if (dates.Count > 0)
        {
            await using var date = new NpgsqlCommand("""
                INSERT INTO backfill_dates (backfill_id, sort_ordinal, logical_date, data_interval_start, data_interval_end, existing_run_id, state)
                SELECT @id, d.ordinal - 1, d.logical, d.start_at, d.end_at, d.existing, 'pending'
                FROM unnest(@logical, @start, @end, @existing) WITH ORDINALITY AS d (logical, start_at, end_at, existing, ordinal);
                """, connection, tx);
            date.Parameters.AddWithValue("id", created.Id);
            date.Parameters.Add(TimeArray("logical", dates.Select(d => d.LogicalDate)));
            date.Parameters.Add(TimeArray("start", dates.Select(d => d.DataIntervalStart)));
            date.Parameters.Add(TimeArray("end", dates.Select(d => d.DataIntervalEnd)));
            date.Parameters.Add(new NpgsqlParameter("existing", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = dates.Select(d => d.ExistingRunId).ToArray() });
            await date.ExecuteNonQueryAsync(cancellationToken);
        }
        await NotifyAsync(connection, tx, work: false, scheduler: true, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return created;
    }

    public async Task<BackfillRecord?> GetBackfillAsync(long id, CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand($"SELECT {BackfillColumns} FROM backfills WHERE id = @id;");
        command.Parameters.AddWithValue("id", id);
        return (await ReadBackfillsAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<BackfillRecord>> ListBackfillsAsync(string? dagId, bool runningOnly, CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand($"""
            SELECT {BackfillColumns} FROM backfills
            WHERE (@dag IS NULL OR dag_id = @dag) AND (NOT @running OR state = 'running') ORDER BY id DESC;
            """);
        command.Parameters.AddText("dag", dagId);
        command.Parameters.AddWithValue("running", runningOnly);
        return await ReadBackfillsAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<BackfillDateRecord>> ListBackfillDatesAsync(long backfillId, CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand("""
            SELECT backfill_id, sort_ordinal, logical_date, data_interval_start, data_interval_end, existing_run_id, run_pk, state
            FROM backfill_dates WHERE backfill_id = @id ORDER BY sort_ordinal;
            """);
        command.Parameters.AddWithValue("id", backfillId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var dates = new List<BackfillDateRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            dates.Add(new BackfillDateRecord(
                reader.GetInt64(0), reader.GetInt32(1), reader.GetTime(2), reader.GetTime(3), reader.GetTime(4),
                reader.GetStringOrNull(5), reader.IsDBNull(6) ? null : reader.GetInt64(6), BackfillNames.ParseDateState(reader.GetString(7))));
        }
        return dates;
    }

    public async Task<bool> SetBackfillDateAsync(long backfillId, int sortOrdinal, long? runPk, BackfillDateState state, CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand("""
            UPDATE backfill_dates SET run_pk = @pk, state = @state
            WHERE backfill_id = @id AND sort_ordinal = @ordinal AND state = 'pending';
            """);
        command.Parameters.Add(new NpgsqlParameter("pk", NpgsqlDbType.Bigint) { Value = (object?)runPk ?? DBNull.Value });
        command.Parameters.AddWithValue("state", BackfillNames.Name(state));
        command.Parameters.AddWithValue("id", backfillId);
        command.Parameters.AddWithValue("ordinal", sortOrdinal);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> FinishBackfillAsync(long id, BackfillState to, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand("UPDATE backfills SET state = @to, completed_at = @now WHERE id = @id AND state = 'running';");
        command.Parameters.AddWithValue("to", BackfillNames.Name(to));
        command.Parameters.AddTime("now", now);
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static NpgsqlParameter TimeArray(string name, IEnumerable<DateTimeOffset> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = values.Select(v => v.ToUniversalTime()).ToArray() };

    private static async Task<IReadOnlyList<BackfillRecord>> ReadBackfillsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var backfills = new List<BackfillRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            backfills.Add(new BackfillRecord(
                reader.GetInt64(0), reader.GetString(1), reader.GetTime(2), reader.GetTime(3),
                BackfillNames.ParseReprocess(reader.GetString(4)), reader.GetInt32(5), reader.GetBoolean(6), reader.GetString(7),
                BackfillNames.ParseState(reader.GetString(8)), reader.GetTime(9), reader.GetTimeOrNull(10)));
        }
        return backfills;
    }
}
