using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Storage;

namespace CodeFirst.Runtime.Tests.Storage;

/// <summary>Dynamic task mapping in the store: expansion, map_index in every key, XCom and logs per instance.</summary>
public abstract partial class StoreConformanceTests
{
    private async Task<DagRunRecord> CreateMappedRunAsync(int retries = 0) =>
        await CreateRunWithAsync("r1", new NewTaskInstance("list", 1, 1, "default"), new NewTaskInstance("mapped", retries + 1, 3, "etl", "db", 2),
            new NewTaskInstance("summary", 1, 1, "default"));

    private async Task<bool> ExpandAsync(DagRunRecord run, int count)
    {
        await using var tx = await Store.BeginRunTransactionAsync(run.Id, default);
        var expanded = await tx.ExpandAsync("mapped", count, Now, default);
        await tx.CommitAsync(default);
        return expanded;
    }

    [Fact]
    public async Task ExpandAsync_ThreeElements_QueuesMapIndicesZeroToTwoWithTheTaskSettings()
    {
        await Store.SetPoolAsync("db", 10, null, default);
        var run = await CreateMappedRunAsync(retries: 2);

        Assert.True(await ExpandAsync(run, 3));
        Assert.False(await ExpandAsync(run, 3)); // already expanded: nothing waits at map index -1 any more

        var instances = await Store.ListTaskInstancesAsync(run.Id, default);
        Assert.Equal([("list", -1), ("mapped", 0), ("mapped", 1), ("mapped", 2), ("summary", -1)], instances.Select(i => (i.TaskId, i.MapIndex)));
        Assert.All(instances.Where(i => i.TaskId == "mapped"), i => Assert.Equal((TaskInstanceState.Queued, 3), (i.State, i.MaxTries)));
        var claimed = await Store.ClaimAsync(new ClaimRequest("w", 10, Now, Now.AddSeconds(30)), default);
        Assert.Equal([0, 1, 2], claimed.Select(c => c.MapIndex).Order());
        Assert.Equal(6, (await Store.GetPoolAsync("db", default))!.RunningSlots);
    }

    [Fact]
    public async Task ExpandAsync_OneElement_IsMapIndexZero()
    {
        var run = await CreateMappedRunAsync();

        Assert.True(await ExpandAsync(run, 1));

        Assert.Equal(0, (await Store.ListTaskInstancesAsync(run.Id, default)).Single(i => i.TaskId == "mapped").MapIndex);
    }

    [Fact]
    public async Task TransitionAsync_WithMapIndex_MovesOnlyThatInstance_WithoutOneMovesEveryExpectedInstance()
    {
        var run = await CreateMappedRunAsync();
        await ExpandAsync(run, 3);

        await using (var tx = await Store.BeginRunTransactionAsync(run.Id, default))
        {
            Assert.True(await tx.TransitionAsync("mapped", [TaskInstanceState.Queued], TaskInstanceState.Success, new TaskTransition(Now) { MapIndex = 1, Ends = true }, default));
            Assert.False(await tx.TransitionAsync("mapped", [TaskInstanceState.Queued], TaskInstanceState.Success, new TaskTransition(Now) { MapIndex = 7 }, default));
            Assert.True(await tx.TransitionAsync("mapped", [TaskInstanceState.Queued], TaskInstanceState.Skipped, new TaskTransition(Now) { Ends = true }, default));
            var states = await tx.GetInstanceStatesAsync(default);
            Assert.Equal([TaskInstanceState.Skipped, TaskInstanceState.Success, TaskInstanceState.Skipped],
                states.Where(s => s.TaskId == "mapped").OrderBy(s => s.MapIndex).Select(s => s.State));
            Assert.Equal(TaskInstanceState.Success, (await tx.GetTaskStatesAsync(default))["mapped"]);
            await tx.CommitAsync(default);
        }
    }

    [Fact]
    public async Task XCom_PerMapIndex_ReadBackPerInstanceAndCollectedInMapIndexOrder()
    {
        var run = await CreateMappedRunAsync();
        await ExpandAsync(run, 3);
        await using (var tx = await Store.BeginRunTransactionAsync(run.Id, default))
        {
            await tx.SetXComAsync("list", XComJson.ReturnValueKey, """["a","b","c"]""", default);
            foreach (var i in new[] { 2, 0, 1 }) await tx.SetXComAsync("mapped", i, XComJson.ReturnValueKey, $"{i * 10}", default);
            await tx.SetXComAsync("mapped", 1, "extra", "\"pushed\"", default);
            Assert.Equal("[0,10,20]", await tx.GetReturnValueAsync("mapped", default));
            Assert.Equal("""["a","b","c"]""", await tx.GetReturnValueAsync("list", default));
            await tx.CommitAsync(default);
        }

        var values = await Store.GetReturnValuesAsync(run.Id, ["list", "mapped", "summary"], default);
        Assert.Equal(("""["a","b","c"]""", "[0,10,20]"), (values["list"], values["mapped"]));
        Assert.False(values.ContainsKey("summary"));
        Assert.Equal("[0,10,20]", await Store.GetXComAsync(run.Id, "mapped", XComJson.ReturnValueKey, default));
        Assert.Equal("10", await Store.GetXComAsync(run.Id, "mapped", 1, XComJson.ReturnValueKey, default));
        Assert.Null(await Store.GetXComAsync(run.Id, "mapped", -1, XComJson.ReturnValueKey, default));
        Assert.Equal([("extra", "\"pushed\""), (XComJson.ReturnValueKey, "10")], await Store.ListXComAsync(run.Id, "mapped", 1, default));
    }

    [Fact]
    public async Task XCom_MappedInstancesWithoutValues_AreLeftOutOfTheCollectedList()
    {
        var run = await CreateMappedRunAsync();
        await ExpandAsync(run, 3);
        await using (var tx = await Store.BeginRunTransactionAsync(run.Id, default))
        {
            await tx.SetXComAsync("mapped", 2, XComJson.ReturnValueKey, "\"c\"", default);
            await tx.SetXComAsync("mapped", 0, XComJson.ReturnValueKey, "\"a\"", default);
            await tx.CommitAsync(default);
        }

        Assert.Equal("""["a","c"]""", (await Store.GetReturnValuesAsync(run.Id, ["mapped"], default))["mapped"]);
    }

    [Fact]
    public async Task Logs_PerMapIndex_AreKeptApart()
    {
        var run = await CreateMappedRunAsync();
        await ExpandAsync(run, 2);
        await using (var tx = await Store.BeginRunTransactionAsync(run.Id, default))
        {
            await tx.AppendLogAsync("mapped", 0, 1, [new LogLine(Now, "Information", "zero")], default);
            await tx.AppendLogAsync("mapped", 1, 1, [new LogLine(Now, "Information", "one"), new LogLine(Now, "Error", "one again")], default);
            await tx.CommitAsync(default);
        }

        Assert.Equal(["zero"], (await Store.GetLogAsync(run.Id, "mapped", 0, 1, default)).Select(l => l.Message));
        Assert.Equal(["one", "one again"], (await Store.GetLogAsync(run.Id, "mapped", 1, 1, default)).Select(l => l.Message));
        Assert.Empty(await Store.GetLogAsync(run.Id, "mapped", 1, default));
    }

    [Fact]
    public async Task ListExpiredLeasesAsync_MappedInstance_CarriesItsMapIndex()
    {
        var run = await CreateMappedRunAsync();
        await ExpandAsync(run, 2);
        await Store.SetPoolAsync("db", 10, null, default);
        await Store.ClaimAsync(new ClaimRequest("w", 10, Now, Now.AddSeconds(30)) { Queues = ["etl"] }, default);

        var expired = await Store.ListExpiredLeasesAsync(Now.AddMinutes(1), default);

        Assert.Equal([("mapped", 0, "w"), ("mapped", 1, "w")], expired.Select(e => (e.TaskId, e.MapIndex, e.Worker)).Order());
    }
}
