using CodeFirst.Generators.Tests.Execution;
using CodeFirst.Generators.Tests.TestHelpers;

namespace CodeFirst.Generators.Tests;

/// <summary>Task groups: prefixed ids, group-level edges and CF0050–CF0053.</summary>
public sealed class DagGeneratorGroupTests
{
    // Sources that are compiled and loaded need their own DAG id: each registers it in the process.
    private static MarkedSource Dag(string body, string classAttributes = "", string dagId = "groups") => MarkedSource.Parse($$"""
        using CodeFirst;
        namespace Groups;
        [Dag("{{dagId}}")]{{classAttributes}}
        public sealed partial class GroupDag
        {
        {{body}}
        }
        """);

    [Fact]
    public void Generate_GroupedTasks_PrefixesIdsAndExposesGroup()
    {
        var dag = CompiledDag.Load(AuthoringSources.Ingestion, "Authoring.IngestDag");

        Assert.Equal(["ingestion.read_files", "ingestion.checks.validate", "transform.clean", "transform.count", "report"], dag.Tasks.Select(t => t.TaskId));
        Assert.Equal("ingestion", dag.GetTask("ingestion.read_files").Group);
        Assert.Equal("ingestion.checks", dag.GetTask("ingestion.checks.validate").Group);
        Assert.Null(dag.GetTask("report").Group);
    }

    [Fact]
    public void Generate_GroupAfterGroup_RootsRunAfterEveryLeaf()
    {
        var dag = CompiledDag.Load(AuthoringSources.Ingestion, "Authoring.IngestDag");

        // ingestion's leaf is validate (read_files feeds it); transform's root is clean (count consumes clean).
        Assert.Equal(["ingestion.checks.validate", "ingestion.read_files"], dag.GetTask("transform.clean").Upstream);
        Assert.Equal(["ingestion.read_files", "transform.clean"], dag.GetTask("transform.count").Upstream);
        Assert.Equal(["transform.count"], dag.GetTask("report").Upstream);
    }

    [Fact]
    public void Generate_TaskAfterGroup_DependsOnTheGroupsLeaves()
    {
        var source = Dag("""
                [Task(Group = "load")] public void A() { }
                [Task(Group = "load")] public void B() { }
                [Task(After = ["load"])] public void Done() { }
            """, dagId: "task_after_group");

        var dag = CompiledDag.Load(source.Source, "Groups.GroupDag");

        Assert.Equal(["load.a", "load.b"], dag.GetTask("done").Upstream);
    }

    [Fact]
    public void Generate_GroupAfterTask_EveryRootDependsOnIt()
    {
        var source = Dag("""
                [Task] public void Start() { }
                [Task(Group = "work")] public void A() { }
                [Task(Group = "work")] public void B() { }
            """, "\n[TaskGroup(\"work\", After = [nameof(Start)])]", "group_after_task");

        var dag = CompiledDag.Load(source.Source, "Groups.GroupDag");

        Assert.Equal(["start"], dag.GetTask("work.a").Upstream);
        Assert.Equal(["start"], dag.GetTask("work.b").Upstream);
    }

    [Fact]
    public void Generate_GroupedTask_ReferencedByMethodNameOrFullId()
    {
        var source = Dag("""
                [Task(Group = "g")] public int Produce() => 1;
                [Task(After = ["g.produce"])] public int Twice(int produce) => produce * 2;
            """);

        var generated = GeneratorHarness.Run(source.Source).AssertCompilesCleanly().Source("Groups.GroupDag.g.cs");

        Assert.Contains("invocation.GetInput<int>(\"g.produce\")", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_SensorInAGroup_IdPrefixedAndGroupSet()
    {
        var source = Dag("""
                [Sensor(Group = "waits", PokeInterval = "00:00:05")] public static bool Ready() => true;
                [Task(After = ["waits"])] public static void Go() { }
            """, dagId: "sensor_group");

        var dag = CompiledDag.Load(source.Source, "Groups.GroupDag");

        Assert.Equal(("waits.ready", "waits"), (dag.Tasks[0].TaskId, dag.Tasks[0].Group));
        Assert.Equal(["waits.ready"], dag.GetTask("go").Upstream);
    }

    [Fact]
    public void UnknownGroupOnClass_ReportsCF0050AtTheGroupId()
    {
        var source = Dag("""
                [Task(Group = "load")] public void A() { }
            """, "\n[TaskGroup([|\"laod\"|], After = [\"x\"])]");

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0050", source, ["\"laod\"", "Known groups: load"]);
    }

    [Fact]
    public void GroupNamedLikeATask_ReportsCF0051AtTheTask()
    {
        var source = Dag("""
                [Task] public void [|Load|]() { }
                [Task(Group = "load")] public void A() { }
            """);

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0051", source, ["'load' is both a task group and a task id"]);
    }

    [Fact]
    public void TaskAfterItsOwnGroup_ReportsCF0052AtTheReference()
    {
        var source = Dag("""
                [Task(Group = "load")] public void A() { }
                [Task(Group = "load.inner", After = [[|"load"|]])] public void B() { }
            """);

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0052", source, ["'load.inner.b' cannot run after 'load'", "inside group 'load'"]);
    }

    [Fact]
    public void GroupAfterNestedGroup_ReportsCF0052()
    {
        var source = Dag("""
                [Task(Group = "outer")] public void A() { }
                [Task(Group = "outer.inner")] public void B() { }
            """, "\n[TaskGroup(\"outer\", After = [[|\"outer.inner\"|]])]");

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0052", source, ["one group is inside the other"]);
    }

    [Fact]
    public void GroupAfterOwnTask_ReportsCF0052()
    {
        var source = Dag("""
                [Task(Group = "g")] public void A() { }
            """, "\n[TaskGroup(\"g\", After = [[|nameof(A)|]])]");

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0052", source, ["task 'g.a' is inside group 'g'"]);
    }

    [Fact]
    public void GroupDeclaredTwice_ReportsCF0053AtTheSecond()
    {
        var source = Dag("""
                [Task(Group = "g")] public void A() { }
            """, "\n[TaskGroup(\"g\")]\n[TaskGroup([|\"g\"|])]");

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0053", source, ["[TaskGroup(\"g\")] appears more than once"]);
    }

    [Fact]
    public void GroupAfterUnknown_ReportsCF0002ListingGroups()
    {
        var source = Dag("""
                [Task(Group = "g")] public void A() { }
            """, "\n[TaskGroup(\"g\", After = [[|\"nothing\"|]])]");

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0002", source, ["'nothing'", "g.a, g (group)"]);
    }

    [Fact]
    public void InvalidGroupId_ReportsCF0010AtTheGroupArgument()
    {
        var source = Dag("""
                [Task(Group = [|"bad..group"|])] public void A() { }
            """);

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0010", source, ["Task group id 'bad..group'"]);
    }

    [Fact]
    public void SameMethodNameInTwoGroups_IsAllowedButSameIdIsCF0006()
    {
        var source = Dag("""
                [Task(Group = "a", Id = "x")] public void First() { }
                [Task(Group = "a", Id = "x")] public void [|Second|]() { }
            """);

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0006", source, ["a.x"]);
    }

    [Fact]
    public void GroupsDependingOnEachOther_ReportsCF0003WithTheTaskPath()
    {
        var source = Dag("""
                [Task(Group = "a")] public void [|One|]() { }
                [Task(Group = "b")] public void Two() { }
            """, "\n[TaskGroup(\"a\", After = [\"b\"])]\n[TaskGroup(\"b\", After = [\"a\"])]");

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0003", source, ["a.one -> b.two -> a.one"]);
    }
}
