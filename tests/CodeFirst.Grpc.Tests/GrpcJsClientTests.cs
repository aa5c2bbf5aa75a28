using System.Text.Json.Nodes;
using CodeFirst.Grpc.Tests.Infrastructure;

namespace CodeFirst.Grpc.Tests;

/// <summary>@grpc/grpc-js, the reference Node client, against the wire layer.</summary>
[Collection(GrpcCollection.Name)]
public sealed class GrpcJsClientTests(GrpcServerFixture server) : IAsyncLifetime
{
    private static readonly TimeSpan ServerSideTimeout = TimeSpan.FromSeconds(10);
    private GrpcJsClient _client = null!;

    public async Task InitializeAsync() => _client = new GrpcJsClient(await NodeClients.GetAsync().WaitAsync(TimeSpan.FromMinutes(6)), server.Address);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Echo_Unary_ReturnsReplyWithMetadata()
    {
        var result = await _client.UnaryAsync("Echo", new { message = "from node ✓" }, new { metadata = new Dictionary<string, string> { ["authorization"] = "Bearer js" } });

        Assert.Equal(0, Code(result));
        Assert.Equal("from node ✓", (string?)result["response"]!["message"]);
        Assert.Equal("Bearer js", (string?)result["response"]!["user"]);
    }

    [Fact]
    public async Task Count_ServerStreaming_ReturnsEveryMessageThenOk()
    {
        var result = await _client.ServerStreamingAsync("Count", new { n = 3 });

        Assert.Equal(0, Code(result));
        Assert.Equal([1, 2, 3], result["messages"]!.AsArray().Select(m => (int)m!["i"]!));
    }

    [Fact]
    public async Task Chat_Duplex_EchoesEveryMessage()
    {
        var result = await _client.DuplexAsync("Chat", [new { message = "a" }, new { message = "b" }, new { message = "c" }]);

        Assert.Equal(0, Code(result));
        Assert.Equal(["a", "b", "c"], result["messages"]!.AsArray().Select(m => (string?)m!["message"]));
    }

    [Fact]
    public async Task Wait_ClientDeadline_ReturnsDeadlineExceededAndStopsHandler()
    {
        var id = Guid.NewGuid().ToString();

        var result = await _client.UnaryAsync("Wait", new { id }, new { deadlineMs = 300 });

        Assert.Equal((int)StatusCode.DeadlineExceeded, Code(result));
        Assert.Equal("cancelled", await server.Echo.OutcomeOf(id).WaitAsync(ServerSideTimeout));
    }

    [Fact]
    public async Task Count_ClientCancels_ServerTokenIsCancelled()
    {
        var id = Guid.NewGuid().ToString();

        var result = await _client.ServerStreamingAsync("Count", new { n = 100_000, delayMs = 20, id }, new { cancelAfter = 2 });

        Assert.Equal((int)StatusCode.Cancelled, Code(result));
        Assert.Equal("cancelled", await server.Echo.OutcomeOf(id).WaitAsync(ServerSideTimeout));
    }

    [Theory]
    [InlineData(StatusCode.NotFound, "DAG « größe » introuvable — 100% sûr 🚫")]
    [InlineData(StatusCode.Unauthenticated, "missing bearer token")]
    [InlineData(StatusCode.FailedPrecondition, "run is paused: ‘nightly’")]
    public async Task Fail_RpcException_ArrivesWithCodeAndMessage(StatusCode code, string message)
    {
        var result = await _client.UnaryAsync("Fail", new { code = (int)code, message });

        Assert.Equal((int)code, Code(result));
        Assert.Equal(message, (string?)result["status"]!["details"]);
    }

    [Fact]
    public async Task Crash_PlainException_ReturnsInternalGenericMessage()
    {
        var result = await _client.UnaryAsync("Crash", new { message = "boom" });

        Assert.Equal((int)StatusCode.Internal, Code(result));
        Assert.Equal("Exception was thrown by handler.", (string?)result["status"]!["details"]);
    }

    [Fact]
    public async Task Interceptor_DenyHeader_ReturnsPermissionDenied()
    {
        var result = await _client.UnaryAsync("Echo", new { message = "x" }, new { metadata = new Dictionary<string, string> { ["x-deny"] = "nope" } });

        Assert.Equal((int)StatusCode.PermissionDenied, Code(result));
    }

    private static int Code(JsonNode result) => (int)result["status"]!["code"]!;
}
