using System.Text.Json;

namespace CodeFirst.Tasks.Tests;

internal static class TestContexts
{
    public static TaskContext Create(TestLogger log) => new()
    {
        DagId = "dag",
        RunId = "run",
        TaskId = "task",
        LogicalDate = DateTimeOffset.UnixEpoch,
        DataIntervalStart = DateTimeOffset.UnixEpoch,
        DataIntervalEnd = DateTimeOffset.UnixEpoch.AddDays(1),
        TryNumber = 1,
        MaxTries = 1,
        Conf = JsonDocument.Parse("{}").RootElement,
        Log = log,
        XCom = new FakeXCom(),
    };
}
