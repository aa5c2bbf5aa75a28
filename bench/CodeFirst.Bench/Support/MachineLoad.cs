using System.Globalization;

namespace CodeFirst.Bench.Support;

/// <summary>The 1-minute load average (other agents share this machine), so a figure can be judged, and the machine's CPU time.</summary>
internal static class MachineLoad
{
    public static double? OneMinute()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// CPU time every process on the machine has used since boot (Linux <c>/proc/stat</c>: user, nice, system,
    /// irq, softirq and steal; not idle or iowait); null elsewhere. The delta over a timed part, minus the
    /// bench process's own, is what PostgreSQL (and anything else running) used meanwhile.
    /// </summary>
    public static TimeSpan? BusyCpu()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields[0] != "cpu") return null;
            // user nice system idle iowait irq softirq steal, in USER_HZ (100 per second on Linux).
            int[] busy = [1, 2, 3, 6, 7, 8];
            var ticks = busy.Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture));
            return TimeSpan.FromMilliseconds(ticks * 10.0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
