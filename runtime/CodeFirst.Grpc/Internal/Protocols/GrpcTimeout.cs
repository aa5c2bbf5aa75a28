namespace CodeFirst.Grpc.Internal.Protocols;

/// <summary>Parses <c>grpc-timeout</c>: 1 to 8 digits and a unit (H, M, S, m, u, n); buf sends e.g. <c>951544u</c>.</summary>
internal static class GrpcTimeout
{
    public static bool TryParse(string? value, out TimeSpan timeout)
    {
        timeout = default;
        if (value is null || value.Length is < 2 or > 9 || !long.TryParse(value.AsSpan(0, value.Length - 1), out var amount) || amount < 0)
        {
            return false;
        }

        long? ticks = value[^1] switch
        {
            'H' => amount * TimeSpan.TicksPerHour,
            'M' => amount * TimeSpan.TicksPerMinute,
            'S' => amount * TimeSpan.TicksPerSecond,
            'm' => amount * TimeSpan.TicksPerMillisecond,
            'u' => amount * TimeSpan.TicksPerMicrosecond,
            'n' => amount / TimeSpan.NanosecondsPerTick,
            _ => null,
        };
        if (ticks is null)
        {
            return false;
        }

        timeout = TimeSpan.FromTicks(ticks.Value);
        return true;
    }
}
