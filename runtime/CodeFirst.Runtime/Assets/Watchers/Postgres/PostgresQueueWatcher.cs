using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CodeFirst.Watchers;

/// <summary>
/// Watches a <see cref="PostgresQueue"/>: claims a batch of visible messages (hiding them for
/// <see cref="VisibilityTimeout"/>, <c>FOR UPDATE SKIP LOCKED</c>), yields them oldest first, and
/// deletes each when acknowledged. A message claimed by a triggerer that died becomes visible again
/// when its timeout passes. LISTEN wakes the watcher on new messages; <see cref="PollInterval"/> is
/// the backstop.
/// </summary>
public sealed class PostgresQueueWatcher(PostgresQueue queue) : AssetWatcher
{
    /// <summary>How long a delivered, unacknowledged message stays hidden before it is delivered again.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    public int BatchSize { get; init; } = 100;

    public override async IAsyncEnumerable<WatchedMessage> ReadAsync(ILogger log, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await queue.EnsureCreatedAsync(cancellationToken);
        await using var data = NpgsqlDataSource.Create(queue.ConnectionString);
        await using var listener = await data.OpenConnectionAsync(cancellationToken);
        await using (var listen = new NpgsqlCommand($"LISTEN {PostgresQueue.Channel};", listener)) await listen.ExecuteNonQueryAsync(cancellationToken);
        while (true)
        {
            var batch = await ClaimAsync(data, cancellationToken);
            foreach (var (id, body) in batch)
                yield return new WatchedMessage(id.ToString(CultureInfo.InvariantCulture), body, ct => DeleteAsync(data, id, ct));
            // A full batch means more may be waiting; otherwise sleep until a NOTIFY (or the backstop).
            if (batch.Count < BatchSize) await listener.WaitAsync(PollInterval, cancellationToken);
        }
    }

    private async Task<List<(long Id, string Body)>> ClaimAsync(NpgsqlDataSource data, CancellationToken cancellationToken)
    {
        await using var command = data.CreateCommand("""
            UPDATE codefirst_queue_messages SET visible_at = now() + @visibility
            WHERE id IN (
                SELECT id FROM codefirst_queue_messages WHERE queue = @queue AND visible_at <= now()
                ORDER BY id LIMIT @max FOR UPDATE SKIP LOCKED)
            RETURNING id, body;
            """);
        command.Parameters.AddWithValue("visibility", VisibilityTimeout);
        command.Parameters.AddWithValue("queue", queue.Name);
        command.Parameters.AddWithValue("max", BatchSize);
        var batch = new List<(long, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) batch.Add((reader.GetInt64(0), reader.GetString(1)));
        batch.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return batch;
    }

    private static async Task DeleteAsync(NpgsqlDataSource data, long id, CancellationToken cancellationToken)
    {
        await using var command = data.CreateCommand("DELETE FROM codefirst_queue_messages WHERE id = @id;");
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
