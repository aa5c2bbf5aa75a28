using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.Storage;
using CodeFirst.Runtime.Triggers;
using CodeFirst.Triggers;

namespace CodeFirst.Runtime.Tests.Triggers;

public sealed class TriggerFactoryTests
{
    private static T RoundTrip<T>(T trigger) where T : Trigger
    {
        var stored = TriggerFactory.Describe(trigger, null);
        var factory = new TriggerFactory(new DagBag([]), null!, TimeProvider.System);
        return Assert.IsType<T>(factory.Create(new TriggerRecord(1, 1, "d", "r", "t", stored.Kind, stored.Arguments, DateTimeOffset.UtcNow, null)));
    }

    [Fact]
    public void Create_EveryBuiltInTrigger_RoundTripsItsSettings()
    {
        var moment = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);
        Assert.Equal(moment, RoundTrip(new DateTimeTrigger(moment)).Moment);
        var delta = RoundTrip(new TimeDeltaTrigger(TimeSpan.FromHours(1)));
        Assert.Equal(TimeSpan.FromHours(1), delta.Delta);
        var file = RoundTrip(new FileTrigger("/in", "*.csv", recursive: true, TimeSpan.FromSeconds(3)));
        Assert.Equal(("/in", "*.csv", true, TimeSpan.FromSeconds(3)), (file.Folder, file.Pattern, file.Recursive, file.PollInterval));
        var http = RoundTrip(new HttpTrigger("http://x/health", 204, "ok", TimeSpan.FromSeconds(7)));
        Assert.Equal(("http://x/health", (int?)204, "ok", TimeSpan.FromSeconds(7)), (http.Url, http.ExpectedStatus, http.BodyContains, http.PollInterval));
        var external = RoundTrip(new ExternalTaskTrigger("other", "task", moment, ["success", "skipped"], ["failed"], TimeSpan.FromSeconds(9)));
        Assert.Equal(("other", "task", moment, TimeSpan.FromSeconds(9)), (external.DagId, external.TaskId, external.LogicalDate, external.PollInterval));
        Assert.Equal(["success", "skipped"], external.AllowedStates);
        Assert.Equal(["failed"], external.FailedStates);
    }

    [Fact]
    public void Create_UnknownKind_ExplainsWhatIsMissing()
    {
        var factory = new TriggerFactory(new DagBag([]), null!, TimeProvider.System);
        var error = Assert.Throws<InvalidOperationException>(() => factory.Create(new TriggerRecord(1, 1, "d", "r", "t", "No.Such.Trigger, Nowhere", "{}", DateTimeOffset.UtcNow, null)));
        Assert.Contains("not loaded in this triggerer", error.Message, StringComparison.Ordinal);
    }
}
