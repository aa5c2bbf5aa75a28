using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Tests.Storage;

/// <summary>Log lines of running tries stored outside run transactions (live logs): on every store.</summary>
public abstract partial class StoreConformanceTests
{
    private static LogLine Line(string message, int second = 0) => new(Now.AddSeconds(second), "Information", message);

    [Fact]
    public async Task AppendLogsAsync_SeveralTriesInOneCall_EachTryGetsItsLinesInOrder()
    {
        var run = await CreateRunAsync("r1", taskCount: 2);
        var many = Enumerable.Range(0, 300).Select(i => Line($"line {i}", i)).ToArray();

        await Store.AppendLogsAsync(
        [
            new TaskLogChunk(run.Id, "t0", -1, 1, many),
            new TaskLogChunk(run.Id, "t1", 0, 1, [Line("mapped 0")]),
            new TaskLogChunk(run.Id, "t1", 1, 1, [Line("mapped 1 a"), Line("mapped 1 b", 1)]),
            new TaskLogChunk(run.Id, "t1", 1, 2, []),
        ], default);

        Assert.Equal(many, await Store.GetLogAsync(run.Id, "t0", -1, 1, default));
        Assert.Equal([Line("mapped 0")], await Store.GetLogAsync(run.Id, "t1", 0, 1, default));
        Assert.Equal([Line("mapped 1 a"), Line("mapped 1 b", 1)], await Store.GetLogAsync(run.Id, "t1", 1, 1, default));
        Assert.Empty(await Store.GetLogAsync(run.Id, "t1", 1, 2, default));
        Assert.Empty(await Store.GetLogAsync(run.Id, "t0", -1, 2, default));
    }

    [Fact]
    public async Task AppendLogsAsync_BetweenRunTransactionAppends_KeepsTheOrderOfArrival()
    {
        var run = await CreateRunAsync("r1", taskCount: 1);
        await using (var tx = await Store.BeginRunTransactionAsync(run.Id, default))
        {
            await tx.AppendLogAsync("t0", -1, 1, [Line("deferred")], default);
            await tx.CommitAsync(default);
        }

        await Store.AppendLogsAsync([new TaskLogChunk(run.Id, "t0", -1, 1, [Line("resumed, live", 1)])], default);
        await Store.AppendLogsAsync([], default);
        await using (var tx = await Store.BeginRunTransactionAsync(run.Id, default))
        {
            await tx.AppendLogAsync("t0", -1, 1, [Line("finished", 2)], default);
            await tx.CommitAsync(default);
        }

        Assert.Equal([Line("deferred"), Line("resumed, live", 1), Line("finished", 2)], await Store.GetLogAsync(run.Id, "t0", -1, 1, default));
    }

    [Fact]
    public async Task AppendLogsAsync_MessagesWithQuotesNewlinesAndUnicode_ComeBackUnchanged()
    {
        var run = await CreateRunAsync("r1", taskCount: 1);
        LogLine[] odd = [Line("it's \"quoted\"\nsecond line\ttab"), new(Now, "Error", "ünïcødé ✓ \\ back\\slash"), Line("")];

        await Store.AppendLogsAsync([new TaskLogChunk(run.Id, "t0", -1, 1, odd)], default);

        Assert.Equal(odd, await Store.GetLogAsync(run.Id, "t0", -1, 1, default));
    }
}
