using CodeFirst.Definitions;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Tests.Support;
using static CodeFirst.Runtime.Tests.Support.TestDag;

namespace CodeFirst.Runtime.Tests.Engine;

/// <summary>Multiple outputs: each key stored beside return_value, and a key-bound input read from its stored key.</summary>
public sealed class MultipleOutputsTests
{
    private sealed record Extracted(string Path, int Rows);

    // What the generator emits for a task whose result is split into keys.
    private static TaskDefinition Extract(Extracted value) => Task("extract", i =>
    {
        i.Context.XCom.Push("Path", value.Path);
        i.Context.XCom.Push("Rows", value.Rows);
        return i.Serialize(value);
    });

    [Fact]
    public async Task Run_KeyBoundInput_StoresEachKeyAndReadsTheStoredKey()
    {
        var load = new TaskDefinition
        {
            TaskId = "load",
            MethodName = "Load",
            Upstream = ["extract"],
            XComInputs = ["extract"],
            XComKeyInputs = [new XComKeyInput("extract", "Path"), new XComKeyInput("extract", "Rows")],
            Invoke = i => new ValueTask<string?>(i.Serialize($"{i.GetInput<string>("extract", "Path")}:{i.GetInput<int>("extract", "Rows")}")),
        };
        await using var harness = new EngineHarness([Of("outputs", Extract(new Extracted("/in.csv", 3)), load)]);

        var run = await harness.RunAsync("outputs");

        Assert.Equal(DagRunState.Success, run.State);
        Assert.Equal("\"/in.csv\"", await harness.Store.GetXComAsync(run.Id, "extract", "Path", default));
        Assert.Equal("3", await harness.Store.GetXComAsync(run.Id, "extract", "Rows", default));
        Assert.Equal("""{"path":"/in.csv","rows":3}""", await harness.Store.GetXComAsync(run.Id, "extract", XComJson.ReturnValueKey, default));
        Assert.Equal("\"/in.csv:3\"", await harness.Store.GetXComAsync(run.Id, "load", XComJson.ReturnValueKey, default));
    }

    [Fact]
    public async Task Run_KeyStoredDifferentlyFromReturnValue_DownstreamGetsTheStoredKey()
    {
        // Proves the runtime reads the key row, not the property of return_value.
        var extract = Task("extract", i =>
        {
            i.Context.XCom.Push("Path", "/pushed");
            return i.Serialize(new Extracted("/returned", 1));
        });
        var load = new TaskDefinition
        {
            TaskId = "load",
            MethodName = "Load",
            Upstream = ["extract"],
            XComInputs = ["extract"],
            XComKeyInputs = [new XComKeyInput("extract", "Path")],
            Invoke = i => new ValueTask<string?>(i.Serialize(i.GetInput<string>("extract", "Path"))),
        };
        await using var harness = new EngineHarness([Of("pushed_key", extract, load)]);

        var run = await harness.RunAsync("pushed_key");

        Assert.Equal("\"/pushed\"", await harness.Store.GetXComAsync(run.Id, "load", XComJson.ReturnValueKey, default));
    }
}
