using System.Security.Cryptography;
using System.Text;
using CodeFirst.Definitions;

namespace CodeFirst.Runtime.Sensors;

/// <summary>The wait before the next poke: Airflow's <c>BaseSensorOperator._get_next_poke_interval</c>.</summary>
internal static class SensorIntervals
{
    /// <summary>
    /// With exponential backoff the wait is drawn between <c>interval·2^(n-2)</c> and twice that (at least one
    /// second), from a hash of the task and its first poke so every process computes the same wait; never past
    /// the timeout and never above <see cref="SensorSpec.MaxWait"/>. Without backoff it is the poke interval.
    /// </summary>
    public static TimeSpan Next(SensorSpec sensor, string dagId, string taskId, DateTimeOffset firstPokeAt, int pokeCount, TimeSpan runDuration)
    {
        if (!sensor.ExponentialBackoff) return sensor.PokeInterval;
        var exponent = pokeCount - 2;
        var minBackoff = Math.Max(Math.Floor(sensor.PokeInterval.TotalSeconds * Math.Pow(2, exponent)), 1);
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes($"{dagId}#{taskId}#{firstPokeAt:O}#{pokeCount}"));
        var modded = minBackoff + (double)(BitConverter.ToUInt64(hash, 0) % (ulong)Math.Min(minBackoff, ulong.MaxValue / 2));
        var seconds = Math.Min(modded, (sensor.Timeout - runDuration).TotalSeconds);
        if (sensor.MaxWait is { } maxWait) seconds = Math.Min(seconds, maxWait.TotalSeconds);
        return TimeSpan.FromSeconds(Math.Max(seconds, 0));
    }
}
