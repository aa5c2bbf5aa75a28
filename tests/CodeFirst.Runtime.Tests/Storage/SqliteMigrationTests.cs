using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace CodeFirst.Runtime.Tests.Storage;

/// <summary>Migration 8 rebuilds task_instances and xcom on SQLite: what a database held before must survive it.</summary>
public sealed class SqliteMigrationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("codefirst-migration-").FullName;

    private string DatabasePath => Path.Combine(_dir, "db.sqlite");

    [Fact]
    public async Task MigrateAsync_FromBeforeMapping_KeepsInstancesTriggersXComAndLogsAtMapIndexMinusOne()
    {
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await ExecAsync(connection, "PRAGMA foreign_keys = ON; CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);");
            foreach (var (version, sql) in SqliteMigrations.Steps.Where(s => s.Version < 8))
                await ExecAsync(connection, sql + $"INSERT INTO schema_migrations VALUES ({version}, 0);");
            await ExecAsync(connection, """
                INSERT INTO dag_runs (id, dag_id, run_id, run_type, logical_date, data_interval_start, data_interval_end, state, conf, queued_at)
                VALUES (1, 'dag', 'r1', 'manual', 0, 0, 0, 'running', '{}', 0);
                INSERT INTO task_instances (id, run_pk, dag_id, run_id, task_id, state, try_number, max_tries, priority_weight, queue, pool, pool_slots, poke_count)
                VALUES (7, 1, 'dag', 'r1', 'wait', 'deferred', 1, 3, 2, 'default', 'default_pool', 1, 4);
                INSERT INTO triggers (task_instance_id, kind, arguments, created_at) VALUES (7, 'time', '{}', 0);
                INSERT INTO xcom (run_pk, task_id, key, value) VALUES (1, 'wait', 'return_value', '42');
                INSERT INTO task_logs (run_pk, task_id, try_number, ts, level, message) VALUES (1, 'wait', 1, 0, 'Information', 'poked');
                """);
        }

        await using var store = new SqliteStore(DatabasePath);
        await store.MigrateAsync(default);

        var instance = Assert.Single(await store.ListTaskInstancesAsync(1, default));
        Assert.Equal((7L, "wait", -1, TaskInstanceState.Deferred, 1, 3), (instance.Id, instance.TaskId, instance.MapIndex, instance.State, instance.TryNumber, instance.MaxTries));
        Assert.Equal("42", await store.GetXComAsync(1, "wait", "return_value", default));
        Assert.Equal("poked", Assert.Single(await store.GetLogAsync(1, "wait", 1, default)).Message);
        var trigger = Assert.Single(await store.ClaimTriggersAsync("triggerer", 10, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(1), default));
        Assert.Equal((7L, "wait", "time"), (trigger.TaskInstanceId, trigger.TaskId, trigger.Kind));
    }

    private static async Task ExecAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
