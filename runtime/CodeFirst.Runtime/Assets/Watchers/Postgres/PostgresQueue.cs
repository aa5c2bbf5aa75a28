using Npgsql;

namespace CodeFirst.Watchers;

/// <summary>
/// A message queue in a PostgreSQL table (no other infrastructure): <see cref="PublishAsync"/> adds a
/// message and a trigger NOTIFYs <c>codefirst_queue</c>, waking <see cref="PostgresQueueWatcher"/>s at
/// once. Any program can publish with a plain <c>INSERT INTO codefirst_queue_messages (queue, body)</c>.
/// </summary>
public sealed class PostgresQueue(string connectionString, string queue)
{
    internal const string Channel = "codefirst_queue";

    public string ConnectionString { get; } = connectionString;

    public string Name { get; } = string.IsNullOrWhiteSpace(queue) ? throw new ArgumentException("A queue needs a non-empty name.", nameof(queue)) : queue;

    /// <summary>Creates the queue table and its NOTIFY trigger if missing (safe to run from many processes at once).</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        // Concurrent CREATE ... IF NOT EXISTS can still collide in the catalog: one creator at a time.
        await using var command = new NpgsqlCommand($$"""
            SELECT pg_advisory_xact_lock(hashtext('codefirst_queue_messages'));
            CREATE TABLE IF NOT EXISTS codefirst_queue_messages (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                queue text NOT NULL,
                body text NOT NULL,
                enqueued_at timestamptz NOT NULL DEFAULT now(),
                visible_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX IF NOT EXISTS ix_codefirst_queue_messages ON codefirst_queue_messages (queue, id);
            CREATE OR REPLACE FUNCTION codefirst_queue_notify() RETURNS trigger LANGUAGE plpgsql AS
                'BEGIN PERFORM pg_notify(''{{Channel}}'', NEW.queue); RETURN NULL; END';
            DROP TRIGGER IF EXISTS codefirst_queue_notify ON codefirst_queue_messages;
            CREATE TRIGGER codefirst_queue_notify AFTER INSERT ON codefirst_queue_messages
                FOR EACH ROW EXECUTE FUNCTION codefirst_queue_notify();
            """, connection, tx);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>Adds a message; returns its id (the watcher's message id).</summary>
    public async Task<long> PublishAsync(string body, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("INSERT INTO codefirst_queue_messages (queue, body) VALUES (@queue, @body) RETURNING id;", connection);
        command.Parameters.AddWithValue("queue", Name);
        command.Parameters.AddWithValue("body", body);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Messages in the queue not yet acknowledged (delivered or not).</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM codefirst_queue_messages WHERE queue = @queue;", connection);
        command.Parameters.AddWithValue("queue", Name);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
