using CodeFirst.Proto.V1;
using CodeFirst.Server.Tests.ControlPlane.Infrastructure;

namespace CodeFirst.Server.Tests.ControlPlane;

public sealed class AuthRequiredTests(AuthRequiredHost fixture) : IClassFixture<AuthRequiredHost>
{
    [Fact]
    public async Task AuthRequired_NoTokensYet_Unauthenticated()
    {
        using var raw = new RawGrpcClient(fixture.Host.Address);

        var response = await raw.SendAsync("/codefirst.v1.DagService/ListDags", RawGrpcClient.Frame(new ListDagsRequest()));

        Assert.Equal(16, response.GrpcStatus);
    }
}
