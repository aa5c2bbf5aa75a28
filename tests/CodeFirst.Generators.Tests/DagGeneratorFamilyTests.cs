using CodeFirst.Definitions;
using CodeFirst.Generators.Tests.Execution;
using CodeFirst.Generators.Tests.TestHelpers;

namespace CodeFirst.Generators.Tests;

/// <summary>DAG families: <c>[DagInstance]</c> members checked at compile time, <c>[DagFamily]</c> files read at start-up.</summary>
public sealed class DagGeneratorFamilyTests
{
    private static MarkedSource Family(string attributes, string dagSettings = "") => MarkedSource.Parse($$"""
        using CodeFirst;
        namespace Families;
        public sealed record P(string Region = "eu");
        [Dag("family"{{dagSettings}})]
        {{attributes}}
        public sealed partial class FamilyDag
        {
            [Task] public static void Run() { }
        }
        """);

    private static DagFamily RegionFamily() =>
        (DagFamily)CompiledDag.Static(CompiledDag.Compile(AuthoringSources.Regions), "Authoring.RegionReport", "Family");

    [Fact]
    public void Expand_CodeAndFileEntries_OneDefinitionEachWithItsSettings()
    {
        var dags = RegionFamily().Expand().ToDictionary(d => d.DagId);

        Assert.Equal(["region_report_eu", "region_report_us", "region_report_apac", "region_report_latam"], RegionFamily().Expand().Select(d => d.DagId));
        Assert.Equal("@daily", dags["region_report_eu"].Schedule);
        Assert.Equal(["reports", "eu"], dags["region_report_eu"].Tags);
        Assert.Equal("0 6 * * *", dags["region_report_us"].Schedule);
        Assert.Equal("US", dags["region_report_us"].Description);
        Assert.Equal("0 1 * * *", dags["region_report_apac"].Schedule);
        Assert.Equal("Latin America", dags["region_report_latam"].Description);
        Assert.Equal(["build"], dags["region_report_latam"].Tasks.Select(t => t.TaskId));
    }

    [Fact]
    public void Expand_EntryParams_BecomeTheParamsDefaults()
    {
        var dags = RegionFamily().Expand().ToDictionary(d => d.DagId);

        Assert.Equal("\"eu\"", dags["region_report_eu"].Params!.Properties.Single(p => p.Name == "Region").DefaultJson);
        Assert.Equal("\"us\"", dags["region_report_us"].Params!.Properties.Single(p => p.Name == "Region").DefaultJson);
        Assert.Equal("5", dags["region_report_us"].Params!.Properties.Single(p => p.Name == "Limit").DefaultJson);
        Assert.Equal("\"apac\"", dags["region_report_apac"].Params!.Properties.Single(p => p.Name == "Region").DefaultJson);
    }

    [Fact]
    public void Registry_FamilyMembers_RegisteredWhenListed()
    {
        _ = RegionFamily();

        Assert.Contains(DagRegistry.All, d => d.DagId == "region_report_apac");
        Assert.DoesNotContain(DagRegistry.All, d => d.DagId == "region_report");
    }

    [Fact]
    public void Expand_MissingFile_ErrorNamesFamilyAndPath()
    {
        var family = new DagFamily("f", entry => throw new InvalidOperationException("not called")) { ConfigFile = "does-not-exist.json" };

        var error = Assert.Throws<InvalidOperationException>(family.Expand);

        Assert.Contains("DAG family 'f'", error.Message, StringComparison.Ordinal);
        Assert.Contains("does-not-exist.json", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}", "must hold a JSON array")]
    [InlineData("[{\"schedule\": \"@daily\"}]", "entry 0 needs a dag_id")]
    [InlineData("[{\"dag_id\": \"bad id\"}]", "'bad id'")]
    [InlineData("[{\"dag_id\": \"a\", \"params\": [1]}]", "entry 'a' has params that are not a JSON object")]
    [InlineData("[{\"dag_id\": \"a\"}, {\"dag_id\": \"a\"}]", "two entries with the DAG id 'a'")]
    [InlineData("[{\"dag_id\": ", "not valid JSON")]
    public void Expand_BadFile_ClearError(string json, string expected)
    {
        var path = Path.Combine(Path.GetTempPath(), $"family-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        try
        {
            var family = new DagFamily("f", entry => new DagDefinition { DagId = entry.DagId, Tasks = [] }) { ConfigFile = path };

            var error = Assert.Throws<InvalidOperationException>(family.Expand);

            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Expand_FileParamsUnknownToTheType_ErrorListsTheParams()
    {
        var create = (Func<DagFamilyEntry, DagDefinition>)Delegate.CreateDelegate(typeof(Func<DagFamilyEntry, DagDefinition>),
            CompiledDag.Compile(AuthoringSources.Regions).GetType("Authoring.RegionReport")!.GetMethod("CreateDefinition")!);

        var error = Assert.Throws<InvalidOperationException>(() => create(new DagFamilyEntry("x") { ParamsJson = "{\"zone\": 1}" }));

        Assert.Contains("gives params 'zone', which RegionParams does not have; it has: region, limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_Family_MatchesSnapshot()
    {
        var output = GeneratorHarness.Run(AuthoringSources.Regions).AssertCompilesCleanly();

        Snapshot.Match(output.Source("Authoring.RegionReport.g.cs"), "RegionReport.g.cs");
        Snapshot.Match(output.Source("CodeFirst.Generated.GeneratedDagRegistry.g.cs"), "FamilyRegistry.g.cs");
    }

    [Theory]
    [InlineData("TaskGroup(\"g\")", "TaskGroup")]
    [InlineData("DagInstance(\"x\")", "DagInstance")]
    [InlineData("DagFamily(\"x.json\")", "DagFamily")]
    public void ClassAttributeWithoutDag_ReportsCF0059AtTheAttribute(string attribute, string name)
    {
        var source = MarkedSource.Parse($$"""
            using CodeFirst;
            namespace Families;
            [[|{{attribute}}|]]
            public sealed partial class NotADag { }
            """);

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0059", source, [$"'NotADag' has [{name}], but no [Dag] attribute"]);
    }

    [Fact]
    public void DuplicateEntry_ReportsCF0057AtTheSecondId()
    {
        var source = Family("[DagInstance(\"a\")]\n[DagInstance([|\"a\"|])]");

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0057", source, ["DAG family 'family' declares the DAG id 'a' twice"]);
    }

    [Fact]
    public void EntryIdUsedByAnotherDag_ReportsCF0013()
    {
        var source = Family("[DagInstance([|\"orders_etl\"|])]");

        var output = GeneratorHarness.Run(TestSources.OrdersEtl, source.Source);

        DiagnosticAssert.Single(output, "CF0013", source, ["'orders_etl'"], file: 1);
    }

    [Fact]
    public void EntryWithBadCron_ReportsCF0007AtTheSchedule()
    {
        var source = Family("[DagInstance(\"a\", Schedule = [|\"0 25 * * *\"|])]");

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0007", source, ["0 25 * * *"]);
    }

    [Fact]
    public void EntryWithInvalidId_ReportsCF0010()
    {
        var source = Family("[DagInstance([|\"a b\"|])]");

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0010", source, ["DAG id 'a b'"]);
    }

    [Fact]
    public void EntryParamsWithoutParamsType_ReportsCF0058()
    {
        var source = Family("[DagInstance(\"a\", Params = [|\"{}\"|])]");

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0058", source, ["declares no params type"]);
    }

    [Theory]
    [InlineData("\"[1]\"", "not a JSON object")]
    [InlineData("\"{\\\"region\\\": }\"", "not a JSON object")]
    [InlineData("\"{\\\"zone\\\": 1}\"", "'zone' is not a param of the params type, which has region")]
    public void EntryParamsInvalid_ReportsCF0058(string literal, string expected)
    {
        var source = Family($"[DagInstance(\"a\", Params = [|{literal}|])]", ", Params = typeof(P)");

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0058", source, [expected]);
    }

    [Fact]
    public void EntryParamsValidJsonWithEscapesAndNesting_Compiles()
    {
        var source = Family("[DagInstance(\"a\", Params = \"{ \\\"region\\\" : \\\"u\\\\u0041\\\\n\\\" }\")]\n[DagInstance(\"b\", Params = \"{\\\"region\\\": null}\")]", ", Params = typeof(P)");

        GeneratorHarness.Run(source.Source).AssertCompilesCleanly();
    }
}
