namespace CodeFirst.Runtime.Storage.Sqlite;

/// <summary>Times are stored as UTC microseconds since the Unix epoch: exact, sortable, cheap to compare.</summary>
internal static class DbTime
{
    public static long ToDb(DateTimeOffset value) => (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset FromDb(long micros) => new(DateTimeOffset.UnixEpoch.UtcTicks + micros * 10, TimeSpan.Zero);

    public static object ToDb(DateTimeOffset? value) => value is { } v ? ToDb(v) : DBNull.Value;
}
