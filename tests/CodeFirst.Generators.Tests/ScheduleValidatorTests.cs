namespace CodeFirst.Generators.Tests;

public sealed class ScheduleValidatorTests
{
    [Theory]
    [InlineData("@once")]
    [InlineData("@hourly")]
    [InlineData("@daily")]
    [InlineData("@weekly")]
    [InlineData("@monthly")]
    [InlineData("@quarterly")]
    [InlineData("@yearly")]
    [InlineData("@continuous")]
    [InlineData("01:00:00")]
    [InlineData("1.00:00:00")]
    [InlineData("* * * * *")]
    [InlineData("0 6 * * *")]
    [InlineData("*/15 0-23/2 1,15 * *")]
    [InlineData("30 6 * * MON-FRI")]
    [InlineData("0 0 1 jan,Jul sun")]
    [InlineData("59 23 31 12 7")]
    [InlineData("0  0   *\t* 0")]
    public void Validate_AcceptedForm_ReturnsNull(string schedule)
    {
        Assert.Null(ScheduleValidator.Validate(schedule));
    }

    [Theory]
    [InlineData("@daily2", "not a known preset")]
    [InlineData("@DAILY", "not a known preset")]
    [InlineData("00:00:00", "must be positive")]
    [InlineData("-01:00:00", "must be positive")]
    [InlineData("1:2:3:4:5", "neither a TimeSpan nor a cron")]
    [InlineData("* * * *", "needs 5 fields, but it has 4")]
    [InlineData("* * * * * *", "needs 5 fields, but it has 6")]
    [InlineData("60 * * * *", "field 1 (minute) '60' has value 60 outside 0-59")]
    [InlineData("* 24 * * *", "field 2 (hour)")]
    [InlineData("* * 0 * *", "field 3 (day-of-month) '0' has value 0 outside 1-31")]
    [InlineData("* * * 13 *", "field 4 (month)")]
    [InlineData("* * * * 8", "field 5 (day-of-week)")]
    [InlineData("* * * * FUN", "which is not a number 0-7 or SUN-SAT")]
    [InlineData("* * * JANUARY *", "JAN-DEC")]
    [InlineData("*/0 * * * *", "invalid step '0'")]
    [InlineData("5/10 * * * *", "step without a range")]
    [InlineData("10-5 * * * *", "ends before it starts")]
    [InlineData("? * * * *", "field 1 (minute) '?'")]
    [InlineData("1,,2 * * * *", "field 1 (minute)")]
    public void Validate_InvalidForm_ExplainsWhy(string schedule, string expected)
    {
        var error = ScheduleValidator.Validate(schedule);

        Assert.NotNull(error);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
