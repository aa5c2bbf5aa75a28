using CodeFirst.Generators.Tests.TestHelpers;

namespace CodeFirst.Generators.Tests;

/// <summary>Diagnostics about attribute values: CF0007-CF0010, CF0012, CF0013.</summary>
public sealed class DagGeneratorSettingDiagnosticsTests
{
    private static MarkedSource Dag(string dagArguments, string task = "[Task] public void Run() { }") => MarkedSource.Parse($$"""
        using CodeFirst;
        namespace Settings;
        [Dag({{dagArguments}})]
        public sealed partial class SettingsDag
        {
            {{task}}
        }
        """);

    [Fact]
    public void Schedule_HourOutOfRange_ReportsCF0007NamingTheField()
    {
        var source = Dag("""
            "settings", Schedule = [|"0 24 * * *"|]
            """);

        var output = GeneratorHarness.Run(source.Source);

        DiagnosticAssert.Single(output, "CF0007", source, ["'0 24 * * *'", "field 2 (hour)", "outside 0-23", "@daily", "5-field cron"]);
        Assert.True(output.Sources.ContainsKey("Settings.SettingsDag.g.cs"), "A bad value alone must not hide the Definition.");
        Assert.DoesNotContain("Schedule =", output.Sources["Settings.SettingsDag.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void Schedule_UnknownPreset_ReportsCF0007()
    {
        var source = Dag("""
            "settings", Schedule = [|"@fortnightly"|]
            """);

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0007", source, ["'@fortnightly' is not a known preset"]);
    }

    [Fact]
    public void StartDate_Malformed_ReportsCF0008()
    {
        var source = Dag("""
            "settings", StartDate = [|"2024-13-01"|]
            """);

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0008", source, ["StartDate '2024-13-01' is invalid", "yyyy-MM-dd"]);
    }

    [Fact]
    public void EndDate_BeforeStartDate_ReportsCF0008AtEndDate()
    {
        var source = Dag("""
            "settings", EndDate = [|"2023-12-31"|], StartDate = "2024-01-01"
            """);

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0008", source, ["EndDate '2023-12-31'", "before StartDate '2024-01-01'"]);
    }

    [Theory]
    [InlineData("\"-00:00:05\"", "It is negative")]
    [InlineData("\"5 minutes\"", "invariant \"c\" format")]
    [InlineData("\"5\"", "invariant \"c\" format")]
    public void RetryDelay_Invalid_ReportsCF0009(string value, string reason)
    {
        var source = Dag("\"settings\"", $"[Task(RetryDelay = [|{value}|])] public void Run() {{ }}");

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0009", source, ["RetryDelay", reason]);
    }

    [Fact]
    public void DagId_WithSpace_ReportsCF0010()
    {
        var source = Dag("""
            [|"bad id!"|]
            """);

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0010", source, ["DAG id 'bad id!'", "A-Z"]);
    }

    [Fact]
    public void TaskId_WithSlash_ReportsCF0010AtId()
    {
        var source = Dag("\"settings\"", "[Task(Id = [|\"a/b\"|])] public void Run() { }");

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0010", source, ["Task id 'a/b'"]);
    }

    [Fact]
    public void MaxActiveRuns_Zero_ReportsCF0012()
    {
        var source = Dag("""
            "settings", MaxActiveRuns = [|0|]
            """);

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0012", source, ["MaxActiveRuns is 0", "at least 1"]);
    }

    [Fact]
    public void Retries_Negative_ReportsCF0012()
    {
        var source = Dag("\"settings\"", "[Task(Retries = [|-1|])] public void Run() { }");

        DiagnosticAssert.Single(GeneratorHarness.Run(source.Source), "CF0012", source, ["Retries is -1", "zero or more"]);
    }

    [Fact]
    public void DagId_UsedByTwoClasses_ReportsCF0013AtTheSecond()
    {
        const string first = """
            using CodeFirst;
            namespace Dupes;
            [Dag("same")] public partial class First { [Task] public void Run() { } }
            """;
        var second = MarkedSource.Parse("""
            using CodeFirst;
            namespace Dupes;
            [Dag([|"same"|])] public partial class Second { [Task] public void Run() { } }
            """);

        var output = GeneratorHarness.Run(first, second.Source);

        DiagnosticAssert.Single(output, "CF0013", second, ["DAG id 'same'", "'Dupes.Second'", "'Dupes.First'"], file: 1);
    }
}
