using CodeFirst.Generators.Tests.TestHelpers;
using Microsoft.CodeAnalysis;

namespace CodeFirst.Generators.Tests;

/// <summary>[Sensor] methods: the emitted kind and spec, and CF0040/CF0041.</summary>
public sealed class DagGeneratorSensorTests
{
    private static MarkedSource Dag(string task) => MarkedSource.Parse($$"""
        using System.Threading.Tasks;
        using CodeFirst;
        namespace Sensors;
        [Dag("sensors")]
        public sealed partial class SensorsDag
        {
            {{task}}
        }
        """);

    [Theory]
    [InlineData("public bool Ready() => true;")]
    [InlineData("public SensorResult Ready() => SensorResult.Done();")]
    [InlineData("public async Task<SensorResult<int>> Ready() { await Task.Yield(); return SensorResult.Done(1); }")]
    [InlineData("public ValueTask<bool> Ready() => ValueTask.FromResult(true);")]
    public void Sensor_SupportedReturn_EmitsSensorKindAndSpec(string method)
    {
        var source = Dag($$"""
            [Sensor(PokeInterval = "00:00:30", Timeout = "01:00:00", Mode = SensorMode.Reschedule, SoftFail = true, ExponentialBackoff = true, MaxWait = "00:10:00", Retries = 2)]
            {{method}}
            """);

        var output = GeneratorHarness.Run(source.Source);

        Assert.Empty(output.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        var generated = string.Join("\n", output.Sources.Values);
        Assert.Contains("Kind = global::CodeFirst.Definitions.TaskKind.Sensor,", generated, StringComparison.Ordinal);
        Assert.Contains("Sensor = new global::CodeFirst.Definitions.SensorSpec", generated, StringComparison.Ordinal);
        Assert.Contains("PokeInterval = global::System.TimeSpan.FromTicks(300000000),", generated, StringComparison.Ordinal);
        Assert.Contains("Timeout = global::System.TimeSpan.FromTicks(36000000000),", generated, StringComparison.Ordinal);
        Assert.Contains("Mode = global::CodeFirst.SensorMode.Reschedule,", generated, StringComparison.Ordinal);
        Assert.Contains("SoftFail = true,", generated, StringComparison.Ordinal);
        Assert.Contains("ExponentialBackoff = true,", generated, StringComparison.Ordinal);
        Assert.Contains("MaxWait = global::System.TimeSpan.FromTicks(6000000000),", generated, StringComparison.Ordinal);
        Assert.Contains("Retries = 2,", generated, StringComparison.Ordinal);
        Assert.Empty(output.OutputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void Sensor_Deferrable_EmitsDeferrable()
    {
        var output = GeneratorHarness.Run(Dag("[Sensor(Deferrable = true)] public bool Ready() => true;").Source);

        Assert.Contains("Deferrable = true,", string.Join("\n", output.Sources.Values), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public string [|Ready|]() => \"\";", "'string'")]
    [InlineData("public void [|Ready|]() { }", "'void'")]
    [InlineData("public Task<int> [|Ready|]() => Task.FromResult(1);", "Task<int>'")]
    public void Sensor_WrongReturn_ReportsCF0040(string method, string described)
    {
        var source = Dag("[Sensor] " + method);

        var output = GeneratorHarness.Run(source.Source);

        var diagnostic = Assert.Single(output.Diagnostics, d => d.Id == "CF0040");
        Assert.Contains(described, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal(source.Span, diagnostic.Location.SourceSpan);
    }

    [Fact]
    public void Sensor_ZeroPokeInterval_ReportsCF0041()
    {
        var output = GeneratorHarness.Run(Dag("[Sensor(PokeInterval = \"00:00:00\")] public bool Ready() => true;").Source);

        Assert.Contains(output.Diagnostics, d => d.Id == "CF0041");
    }

    [Fact]
    public void Sensor_BoolConsumedDownstream_ReportsCF0005()
    {
        var output = GeneratorHarness.Run(Dag("[Sensor] public bool Ready() => true; [Task] public void Use(bool ready) { }").Source);

        var diagnostic = Assert.Single(output.Diagnostics, d => d.Id == "CF0005");
        Assert.Contains("SensorResult<T>", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
