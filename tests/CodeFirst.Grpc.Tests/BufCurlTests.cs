using System.Text.Json;
using CodeFirst.Grpc.Tests.Infrastructure;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace CodeFirst.Grpc.Tests;

/// <summary>buf curl, a client no one here wrote, finding the schema through reflection.</summary>
[Collection(GrpcCollection.Name)]
public sealed class BufCurlTests(GrpcServerFixture server) : IAsyncLifetime
{
    private BufCurl _buf = null!;

    public async Task InitializeAsync() => _buf = new BufCurl(await NodeClients.GetAsync().WaitAsync(TimeSpan.FromMinutes(6)), server.Address);

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("grpc")]
    [InlineData("connect")]
    public async Task ListServices_Reflection_ListsEveryMappedService(string protocol)
    {
        var result = await _buf.ListServicesAsync(protocol);

        Assert.True(result.ExitCode == 0, result.ToString());
        var services = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(
            ["codefirst.test.v1.EchoService", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection"],
            services.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ListServices_ReflectionV1Alpha_ListsEveryMappedService()
    {
        var result = await _buf.ListServicesAsync("grpc", "--reflect-protocol", "grpc-v1alpha");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("codefirst.test.v1.EchoService", result.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("grpc")]
    [InlineData("connect")]
    public async Task Echo_JsonData_ReturnsReply(string protocol)
    {
        var result = await _buf.CallAsync("codefirst.test.v1.EchoService/Echo",
            """{"message":"héllo wörld","sentAt":"2024-01-02T03:04:05Z"}""", protocol, "-H", "authorization: Bearer abc");

        Assert.True(result.ExitCode == 0, result.ToString());
        var reply = Assert.Single(BufCurl.ParseDocuments(result.StandardOutput));
        Assert.Equal("héllo wörld", reply.GetProperty("message").GetString());
        Assert.Equal("Bearer abc", reply.GetProperty("user").GetString());
    }

    [Theory]
    [InlineData("grpc")]
    [InlineData("connect")]
    public async Task Count_ServerStreaming_ReturnsEveryMessage(string protocol)
    {
        var result = await _buf.CallAsync("codefirst.test.v1.EchoService/Count", """{"n":4,"delayMs":10}""", protocol);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal([1, 2, 3, 4], BufCurl.ParseDocuments(result.StandardOutput).Select(d => d.GetProperty("i").GetInt32()));
    }

    [Theory]
    [InlineData("grpc")]
    [InlineData("connect")]
    public async Task Fail_NotFound_ReportsCodeAndMessage(string protocol)
    {
        var result = await _buf.CallAsync("codefirst.test.v1.EchoService/Fail", """{"code":5,"message":"DAG 'größe' not found"}""", protocol);

        Assert.NotEqual(0, result.ExitCode);
        var error = Assert.Single(BufCurl.ParseDocuments(result.StandardError));
        Assert.Equal("not_found", error.GetProperty("code").GetString());
        Assert.Equal("DAG 'größe' not found", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task HealthCheck_Overall_ReturnsServing()
    {
        var result = await _buf.CallAsync("grpc.health.v1.Health/Check", "{}");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("SERVING", Assert.Single(BufCurl.ParseDocuments(result.StandardOutput)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task HealthCheck_ServiceSetNotServing_ReturnsNotServing()
    {
        server.Health.SetStatus("codefirst.test.v1.EchoService", ServingStatus.NotServing);

        var result = await _buf.CallAsync("grpc.health.v1.Health/Check", """{"service":"codefirst.test.v1.EchoService"}""");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("NOT_SERVING", Assert.Single(BufCurl.ParseDocuments(result.StandardOutput)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task HealthCheck_UnknownService_ReturnsNotFound()
    {
        var result = await _buf.CallAsync("grpc.health.v1.Health/Check", """{"service":"nope.Service"}""");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal("not_found", Assert.Single(BufCurl.ParseDocuments(result.StandardError)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Call_UnknownMethod_FailsClearly()
    {
        var result = await _buf.CallAsync("codefirst.test.v1.EchoService/Unbound", "{}");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal("unimplemented", Assert.Single(BufCurl.ParseDocuments(result.StandardError)).GetProperty("code").GetString());
    }
}
