using CodeFirst.Generators.Tests.TestHelpers;

namespace CodeFirst.Generators.Tests;

/// <summary>Dynamic task mapping: [Map] parameters, collecting a mapped task's results, MaxMapLength (CF0060-CF0066).</summary>
public sealed class DagGeneratorMappingTests
{
    private const string Mapped = """
        using System.Collections.Generic;
        using System.Linq;
        using CodeFirst;

        namespace Mapping;

        public sealed record FileTotal(string File, int Lines);

        [Dag("mapped")]
        public sealed partial class MappedDag
        {
            [Task] public static string[] ListFiles() => ["a.csv", "b.csv"];
            [Task] public static int Threshold() => 10;

            [Task(Retries = 2, MaxMapLength = 50)]
            public static FileTotal Process([Map] [FromTask(nameof(ListFiles))] string file, int threshold, TaskContext context) =>
                new(file, threshold + context.MapIndex);

            [Task] public static int Summarize(IReadOnlyList<FileTotal> process) => process.Sum(p => p.Lines);
            [Task] public static int Again([Map] FileTotal process) => process.Lines;
            [Task] public static int Total(int[] again) => again.Sum();
        }
        """;

    private static GeneratorOutput Run(MarkedSource source) => GeneratorHarness.Run(source.Source);

    private static MarkedSource Dag(string body) => MarkedSource.Parse($$"""
        using System.Collections.Generic;
        using CodeFirst;
        namespace Mapping;
        [Dag("mapping")]
        public sealed partial class MapDag
        {
        {{body}}
        }
        """);

    [Fact]
    public void Generate_MappedDag_MatchesSnapshot()
    {
        var output = GeneratorHarness.Run(Mapped).AssertCompilesCleanly();

        Snapshot.Match(output.Source("Mapping.MappedDag.g.cs"), "MappedDag.g.cs");
    }

    [Fact]
    public void MapParameter_ReadsTheElementAtTheMapIndexAndListsTheUpstreamAsInput()
    {
        var generated = GeneratorHarness.Run(Mapped).AssertCompilesCleanly().Source("Mapping.MappedDag.g.cs");

        Assert.Contains("invocation.GetMappedInput<string>(\"list_files\"), invocation.GetInput<int>(\"threshold\")", generated, StringComparison.Ordinal);
        Assert.Contains("MapOver = \"list_files\",", generated, StringComparison.Ordinal);
        Assert.Contains("MaxMapLength = 50,", generated, StringComparison.Ordinal);
        Assert.Contains("XComInputs = new string[] { \"list_files\", \"threshold\" },", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void ListParameter_BoundToMappedTask_ReadsTheCollectedListAsItsOwnType()
    {
        var generated = GeneratorHarness.Run(Mapped).AssertCompilesCleanly().Source("Mapping.MappedDag.g.cs");

        Assert.Contains("invocation.GetInput<global::System.Collections.Generic.IReadOnlyList<global::Mapping.FileTotal>>(\"process\")", generated, StringComparison.Ordinal);
        Assert.Contains("invocation.GetInput<int[]>(\"again\")", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void MapParameter_OverAMappedTask_MapsOverItsCollectedResults()
    {
        var generated = GeneratorHarness.Run(Mapped).AssertCompilesCleanly().Source("Mapping.MappedDag.g.cs");

        Assert.Contains("invocation.GetMappedInput<global::Mapping.FileTotal>(\"process\")", generated, StringComparison.Ordinal);
        Assert.Contains("MapOver = \"process\",", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void MapParameter_NotBoundToATask_ReportsCF0060AtTheParameter()
    {
        var source = Dag("""
                [Task] public static string[] Files() => [];
                [Task] public static void Process([|[Map] string path|]) { }
            """);

        DiagnosticAssert.Single(Run(source), "CF0060", source, ["Parameter 'path'", "task 'process'", "[FromTask(nameof(...))]"]);
    }

    [Fact]
    public void MapParameter_OnInjectedContext_ReportsCF0060()
    {
        var source = Dag("""
                [Task] public static void Process([|[Map] TaskContext context|]) { }
            """);

        DiagnosticAssert.Single(Run(source), "CF0060", source, ["Parameter 'context'"]);
    }

    [Theory]
    [InlineData("int", "int")]
    [InlineData("string", "string")]
    [InlineData("Dictionary<string, int>", "System.Collections.Generic.Dictionary<string, int>")]
    public void MapParameter_UpstreamNotAList_ReportsCF0061(string returnType, string shown)
    {
        var source = Dag($$"""
                [Task] public static {{returnType}} Files() => default!;
                [Task] public static void Process([|[Map] int files|]) { }
            """);

        DiagnosticAssert.Single(Run(source), "CF0061", source, ["Parameter 'files'", "'files'", $"returns {shown}", "not a list"]);
    }

    [Fact]
    public void MapParameter_ElementTypeDiffers_ReportsCF0062WithTheElementType()
    {
        var source = Dag("""
                [Task] public static List<int> Sizes() => [];
                [Task] public static void Process([|[Map] string sizes|]) { }
            """);

        DiagnosticAssert.Single(Run(source), "CF0062", source, ["Parameter 'sizes' has type string", "'sizes'", "elements are int"]);
    }

    [Fact]
    public void MapParameter_ElementWidensImplicitly_IsAccepted()
    {
        var source = Dag("""
                [Task] public static IEnumerable<int> Sizes() => [];
                [Task] public static long Process([Map] long sizes) => sizes;
            """);

        Assert.Empty(Run(source).Diagnostics);
    }

    [Fact]
    public void MappedTaskOutput_IntoANonListParameter_ReportsCF0063()
    {
        var source = Dag("""
                [Task] public static string[] Files() => [];
                [Task] public static int Process([Map] string files) => files.Length;
                [Task] public static void Report([|int process|]) { }
            """);

        DiagnosticAssert.Single(Run(source), "CF0063", source, ["Parameter 'process' has type int", "'process' is mapped", "IReadOnlyList<int>"]);
    }

    [Fact]
    public void MappedTaskOutput_IntoAListOfTheWrongElement_ReportsCF0063()
    {
        var source = Dag("""
                [Task] public static string[] Files() => [];
                [Task] public static int Process([Map] string files) => files.Length;
                [Task] public static void Report([|List<string> process|]) { }
            """);

        DiagnosticAssert.Single(Run(source), "CF0063", source, ["List<string>", "one int per map index"]);
    }

    [Fact]
    public void MappedTaskReturningNothing_CollectedDownstream_ReportsCF0005()
    {
        var source = Dag("""
                [Task] public static string[] Files() => [];
                [Task] public static void Process([Map] string files) { }
                [Task] public static void Report([|IReadOnlyList<int> process|]) { }
            """);

        DiagnosticAssert.Single(Run(source), "CF0005", source, ["'process'"]);
    }

    [Fact]
    public void TwoMapParameters_ReportCF0064AtTheSecond()
    {
        var source = Dag("""
                [Task] public static string[] Files() => [];
                [Task] public static int[] Sizes() => [];
                [Task] public static void Process([Map] string files, [|[Map] int sizes|]) { }
            """);

        DiagnosticAssert.Single(Run(source), "CF0064", source, ["Task 'process'", "'files'", "'sizes'"]);
    }

    [Theory]
    [InlineData("[Sensor] public static bool [|Wait|]([Map] string files) => true;", "sensor")]
    [InlineData("[Task, Branch] public static string [|Wait|]([Map] string files) => files;", "branch task")]
    public void MapParameter_OnASensorOrBranch_ReportsCF0065(string method, string kind)
    {
        var source = Dag($$"""
                [Task] public static string[] Files() => [];
                {{method}}
            """);

        DiagnosticAssert.Single(Run(source), "CF0065", source, ["Task 'wait'", $"is a {kind}"]);
    }

    [Fact]
    public void MaxMapLength_OnATaskThatIsNotMapped_ReportsCF0066AtTheValue()
    {
        var source = Dag("""
                [Task(MaxMapLength = [|5|])] public static void Process() { }
            """);

        DiagnosticAssert.Single(Run(source), "CF0066", source, ["Task 'process'", "[Map]"]);
    }

    [Fact]
    public void MaxMapLength_Negative_ReportsCF0012()
    {
        var source = Dag("""
                [Task] public static string[] Files() => [];
                [Task(MaxMapLength = [|-1|])] public static void Process([Map] string files) { }
            """);

        DiagnosticAssert.Single(Run(source), "CF0012", source, ["MaxMapLength", "-1"]);
    }

    [Fact]
    public void MaxMapLength_Zero_UsesTheEngineLimit()
    {
        var output = GeneratorHarness.Run(Dag("""
                [Task] public static string[] Files() => [];
                [Task(MaxMapLength = 0)] public static void Process([Map] string files) { }
            """).Source).AssertCompilesCleanly();

        Assert.DoesNotContain("MaxMapLength", output.Source("Mapping.MapDag.g.cs"), StringComparison.Ordinal);
    }
}
