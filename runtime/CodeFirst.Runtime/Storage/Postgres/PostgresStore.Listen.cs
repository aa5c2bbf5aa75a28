using System.Net.Sockets;
using Npgsql;

namespace CodeFirst.Runtime.Storage.Postgres;

public sealed partial class PostgresStore
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// One dedicated connection per call LISTENs on the work and scheduler channels. After every
    /// (re)connect both wake-ups fire, because notifications sent while no one listened are lost.
    /// A silent connection is pinged every <see cref="PostgresStoreOptions.ListenerKeepAlive"/>;
    /// a lost one is replaced after a doubling, jittered back-off.
    /// </summary>
    public Task ListenAsync(Action<StoreWakeUp> onWake, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onWake);
        return ListenAsync((wake, _) => onWake(wake), cancellationToken);
    }

    /// <inheritdoc cref="ListenAsync(Action{StoreWakeUp}, CancellationToken)"/>
    public async Task ListenAsync(Action<StoreWakeUp, string?> onWake, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onWake);
        var backoff = FirstBackoff;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await ListenOnceAsync(onWake, () => backoff = FirstBackoff, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && IsConnectionFailure(e))
            {
                var delay = backoff * (1 + Random.Shared.NextDouble() * 0.2);
                PostgresStoreLog.ListenerLost(_logger, e, delay.TotalMilliseconds);
                await Task.Delay(delay, cancellationToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.ListenerMaxBackoff.Ticks));
            }
        }
    }

    private async Task ListenOnceAsync(Action<StoreWakeUp, string?> onWake, Action connected, CancellationToken cancellationToken)
    {
        await using var connection = await _listenerData.OpenConnectionAsync(cancellationToken);
        connection.Notification += (_, e) => onWake(e.Channel == WorkChannel ? StoreWakeUp.Work : StoreWakeUp.Scheduler, e.Payload.Length == 0 ? null : e.Payload);
        await ExecAsync(connection, null, $"LISTEN {WorkChannel}; LISTEN {SchedulerChannel};", cancellationToken);
        connected();
        PostgresStoreLog.Listening(_logger, connection.ProcessID);
        onWake(StoreWakeUp.Work, null);
        onWake(StoreWakeUp.Scheduler, null);
        while (true)
        {
            if (await connection.WaitAsync(_options.ListenerKeepAlive, cancellationToken)) continue;
            // Silence may be a dead peer that TCP has not noticed: a round trip proves the link.
            await using var ping = new NpgsqlCommand("SELECT 1;", connection)
            {
                CommandTimeout = Math.Max(1, (int)Math.Ceiling(_options.ListenerKeepAlive.TotalSeconds)),
            };
            await ping.ExecuteScalarAsync(cancellationToken);
        }
    }

    // Only failures of the link are retried; anything else (a disposed store, a bug) ends ListenAsync.
    private static bool IsConnectionFailure(Exception e) =>
        e is NpgsqlException or IOException or SocketException or TimeoutException;
}
