namespace CodeFirst.Server.Tests.Support;

/// <summary>
/// Polls a condition that another process (or the CLI's own loops) makes true, with a hard limit.
/// Used only where no in-process event exists, as a user would poll 'dags list-runs'.
/// </summary>
internal static class Eventually
{
    public static async Task<T> WaitAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what) where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } value) return value;
            await Task.Delay(50);
        }
        throw new TimeoutException($"Timed out after {timeout} waiting for {what}.");
    }
}
