using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CodeFirst.Definitions;

namespace CodeFirst.Runtime.Execution;

/// <summary>When a failed try is retried: Airflow's <c>TaskInstance.next_retry_datetime</c>.</summary>
public static class RetryPolicy
{
    /// <summary>
    /// The delay after try <paramref name="tryNumber"/> failed. With exponential backoff it is
    /// <c>ceil(delay·2^(try−1))</c> seconds (at least 1) plus a jitter below that amount derived from
    /// a hash of the task instance and try, so it is deterministic per try yet spreads retries of many
    /// instances; capped by <see cref="TaskDefinition.MaxRetryDelay"/>.
    /// </summary>
    public static TimeSpan NextDelay(TaskDefinition task, string dagId, DateTimeOffset logicalDate, int tryNumber)
    {
        var delay = task.RetryDelay;
        if (task.RetryExponentialBackoff)
        {
            var exponent = Math.Clamp(tryNumber - 1, 0, 62);
            var minBackoff = Math.Ceiling(delay.TotalSeconds * Math.Pow(2, exponent));
            if (minBackoff < 1) minBackoff = 1;
            var cap = TimeSpan.MaxValue.TotalSeconds / 2;
            if (minBackoff > cap) minBackoff = cap;
            var hash = Jitter($"{dagId}#{task.TaskId}#{logicalDate.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)}#{tryNumber}");
            var seconds = minBackoff + (double)(hash % (ulong)Math.Min(minBackoff, ulong.MaxValue / 2.0));
            delay = TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.MaxValue.TotalSeconds - 1));
        }
        if (task.MaxRetryDelay is { } max && delay > max) delay = max;
        return delay;
    }

    private static ulong Jitter(string key)
    {
        Span<byte> digest = stackalloc byte[20];
#pragma warning disable CA5350 // Not security: a stable spread of retry times, as Airflow uses sha1 for it.
        SHA1.HashData(Encoding.UTF8.GetBytes(key), digest);
#pragma warning restore CA5350
        return BitConverter.ToUInt64(digest[..8]);
    }
}
