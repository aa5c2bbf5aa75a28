using CodeFirst.Server.Tests.ControlPlane.Infrastructure;
using CodeFirst.Server.Tests.Support;

namespace CodeFirst.Server.Tests.Cli;

/// <summary>A DAG this application does not have (the 'codefirst' tool has none) is drawn from the server's description.</summary>
public sealed class DagsShowGraphOverGrpcTests(ControlPlaneHost host) : IClassFixture<ControlPlaneHost>
{
    private readonly CliRunner _cliWithoutDags = new([]);

    [Fact]
    public async Task DagsShow_DagOnlyTheServerHas_DrawsTheServersEdges()
    {
        var (code, output, error) = await _cliWithoutDags.RunAsync("dags", "show", "passing", "--format", "mermaid", "--server", host.Address.ToString());

        Assert.True(code == 0, error);
        Assert.Equal([("produce", "consume")], DagsShowGraphTests.ParseMermaid(output).Edges);
    }

    [Fact]
    public async Task DagsShow_DagNobodyHas_ExitsTwoWithTheServersError()
    {
        var (code, _, error) = await _cliWithoutDags.RunAsync("dags", "show", "nope", "--format", "dot", "--server", host.Address.ToString());

        Assert.Equal(2, code);
        Assert.Contains("nope", error, StringComparison.Ordinal);
    }
}
