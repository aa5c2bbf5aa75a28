using System.Reflection;
using CodeFirst.Definitions;
using CodeFirst.Generators.Tests.Execution;

namespace CodeFirst.Generators.Tests;

/// <summary>Runs the generated invokers for real, in an assembly compiled from generated code.</summary>
public sealed class DagGeneratorExecutionTests(GeneratedAssemblyFixture fixture) : IClassFixture<GeneratedAssemblyFixture>
{
    private sealed class Greeter : IGreeter
    {
        public string Greet(string name) => "hello " + name;
    }

    private static readonly FakeServices Services = new(new Greeter());

    [Fact]
    public void Definition_OfPipeline_HasTasksEdgesAndSettings()
    {
        var dag = fixture.Definition;

        Assert.Equal("execution_sample", dag.DagId);
        Assert.Equal("@daily", dag.Schedule);
        Assert.Equal(new DateTime(2024, 1, 1), dag.StartDate);
        Assert.Equal(["extract", "transform", "notify", "count", "wait"], dag.Tasks.Select(t => t.TaskId));
        Assert.Equal(["extract"], dag.GetTask("transform").XComInputs);
        Assert.Equal(["transform"], dag.GetTask("notify").Upstream);
        Assert.Empty(dag.GetTask("notify").XComInputs);
        Assert.Equal(["count", "notify"], dag.Downstream("transform"));
        Assert.Equal("global::ExecSample.Batch", dag.GetTask("extract").ReturnType);
        Assert.Null(dag.GetTask("notify").ReturnType);
        Assert.Equal(TimeSpan.FromMinutes(5), dag.GetTask("extract").RetryDelay);
    }

    [Fact]
    public async Task Invoke_AsyncTaskWithContext_ReturnsXComJson()
    {
        var invocation = new FakeInvocation("extract", Services);

        var json = await fixture.Definition.GetTask("extract").Invoke(invocation);

        Assert.Equal("""{"runId":"run-42","items":[1,2,3]}""", json);
    }

    [Fact]
    public async Task Invoke_SyncTaskWithXComInputAndConstructorService_CompletesSynchronously()
    {
        var invocation = new FakeInvocation("transform", Services, new Dictionary<string, string?>
        {
            ["extract"] = """{"runId":"r1","items":[4,5]}""",
        });

        var pending = fixture.Definition.GetTask("transform").Invoke(invocation);

        Assert.True(pending.IsCompletedSuccessfully);
        Assert.Equal("""{"greeting":"hello r1","total":9}""", await pending);
        Assert.Equal(["extract"], invocation.RequestedInputs);
    }

    [Fact]
    public async Task Invoke_VoidTaskWithLogger_ReturnsNullAndLogs()
    {
        var invocation = new FakeInvocation("notify", Services);

        var json = await fixture.Definition.GetTask("notify").Invoke(invocation);

        Assert.Null(json);
        Assert.Equal(["notified"], invocation.Log.Messages);
    }

    [Fact]
    public async Task Invoke_StaticValueTaskWithFromTask_ReadsNamedUpstream()
    {
        var invocation = new FakeInvocation("count", new FakeServices(), new Dictionary<string, string?>
        {
            ["transform"] = """{"greeting":"x","total":7}""",
        });

        var json = await fixture.Definition.GetTask("count").Invoke(invocation);

        Assert.Equal("70", json);
    }

    [Fact]
    public async Task Invoke_AsyncTaskWithTypedLogger_ReturnsNullAndLogsThroughInvocation()
    {
        var invocation = new FakeInvocation("wait", new FakeServices());

        var json = await fixture.Definition.GetTask("wait").Invoke(invocation);

        Assert.Null(json);
        Assert.Equal(["waited"], invocation.Log.Messages);
    }

    [Fact]
    public async Task Invoke_ConstructorServiceMissing_ThrowsNamingTheParameter()
    {
        var invocation = new FakeInvocation("transform", new FakeServices(), new Dictionary<string, string?> { ["extract"] = "{}" });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await fixture.Definition.GetTask("transform").Invoke(invocation));

        Assert.Contains("'greeter'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ModuleInitializer_OnLoad_RegistersDefinitionInDagRegistry()
    {
        var registry = fixture.Assembly.GetType("CodeFirst.Generated.GeneratedDagRegistry", throwOnError: true)!;
        var all = (IReadOnlyList<DagDefinition>)registry.GetProperty("All", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

        Assert.Same(fixture.Definition, Assert.Single(all));
        Assert.Contains(DagRegistry.All, d => ReferenceEquals(d, fixture.Definition));
    }
}
