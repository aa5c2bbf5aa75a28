namespace CodeFirst.Runtime.Leases;

/// <summary>
/// The heartbeat of a role that holds leased rows (the triggerer's triggers and asset watchers): every
/// interval it renews the leases of what it runs, and stops what it no longer holds — another process
/// took it over after our lease ran out, so that process runs it now, not us.
/// </summary>
internal static class LeaseRenewal
{
    /// <param name="held">The keys this process runs now.</param>
    /// <param name="renew">Extends the leases of the given keys; returns those still held by this process.</param>
    /// <param name="lost">Stops the work of a key whose lease was taken over.</param>
    /// <param name="failed">A renewal that failed (the next tick retries).</param>
    public static async Task RunAsync<TKey>(TimeSpan interval, TimeProvider time, Func<TKey[]> held,
        Func<TKey[], CancellationToken, Task<IReadOnlyCollection<TKey>>> renew, Action<TKey> lost, Action<Exception> failed, CancellationToken stoppingToken)
    {
        try
        {
            using var timer = new PeriodicTimer(interval, time);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var keys = held();
                    var kept = (await renew(keys, stoppingToken)).ToHashSet();
                    foreach (var key in keys.Where(k => !kept.Contains(k))) lost(key);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failed(e);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Cancels work that may have finished (and disposed its source) meanwhile.</summary>
    public static void CancelQuietly(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
