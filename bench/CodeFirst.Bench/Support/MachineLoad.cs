using System.Globalization;

namespace CodeFirst.Bench.Support;

/// <summary>The 1-minute load average (other agents share this machine), so a figure can be judged.</summary>
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
}
