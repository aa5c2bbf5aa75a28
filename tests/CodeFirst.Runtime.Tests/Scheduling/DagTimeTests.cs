using CodeFirst.Runtime.Scheduling;

namespace CodeFirst.Runtime.Tests.Scheduling;

public sealed class DagTimeTests
{
    [Theory]
    [InlineData("2024-06-01T12:00", "Europe/Berlin", "2024-06-01T10:00")]
    [InlineData("2024-01-01T00:00", "Europe/Berlin", "2023-12-31T23:00")]
    [InlineData("2024-03-31T02:30", "Europe/Berlin", "2024-03-31T01:30")] // gap: read as 03:30 CEST
    [InlineData("2024-10-27T02:30", "Europe/Berlin", "2024-10-27T00:30")] // repeated: the earlier, CEST
    [InlineData("2024-03-10T02:00", "America/New_York", "2024-03-10T07:00")]
    [InlineData("2024-11-03T01:30", "America/New_York", "2024-11-03T05:30")]
    [InlineData("2016-01-01T00:00", "UTC", "2016-01-01T00:00")]
    public void ToUtc_WallClock_MapsToInstant(string wall, string zone, string expected)
    {
        var local = DateTime.SpecifyKind(Utc.At(wall).DateTime, DateTimeKind.Unspecified);

        var instant = DagTime.ToUtc(local, zone);

        Assert.Equal(Utc.At(expected), instant);
        Assert.Equal(TimeSpan.Zero, instant.Offset);
    }

    [Fact]
    public void ToUtc_UtcKind_Unchanged()
    {
        var utc = new DateTime(2024, 6, 1, 12, 0, 0, DateTimeKind.Utc);

        Assert.Equal(Utc.At("2024-06-01T12:00"), DagTime.ToUtc(utc, "Europe/Berlin"));
    }

    [Fact]
    public void ToUtc_Null_IsNull()
    {
        Assert.Null(DagTime.ToUtc((DateTime?)null, "UTC"));
    }

    [Fact]
    public void ToUtc_UnknownZone_Throws()
    {
        var error = Assert.Throws<ScheduleFormatException>(() => DagTime.ToUtc(new DateTime(2024, 1, 1), "Nowhere/Land"));

        Assert.Contains("'Nowhere/Land'", error.Message, StringComparison.Ordinal);
    }
}
