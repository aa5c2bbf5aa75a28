namespace CodeFirst.Tasks.Tests;

/// <summary>Waits for a condition another process brings about (a file appears, a pid goes away), within a bound.</summary>
internal static class Poll
{
    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Gave up after {timeout} waiting for {what}.");
            await Task.Delay(20);
        }
    }
}
