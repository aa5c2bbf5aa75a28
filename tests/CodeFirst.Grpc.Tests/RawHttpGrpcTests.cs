using System.Net;
using CodeFirst.Grpc.Tests.Infrastructure;
using CodeFirst.Grpc.Tests.Protos;
using Google.Protobuf;

namespace CodeFirst.Grpc.Tests;

/// <summary>Bad input sent with HttpClient over HTTP/2: every case ends in a status, and the server keeps serving.</summary>
[Collection(GrpcCollection.Name)]
public sealed class RawHttpGrpcTests(GrpcServerFixture server) : IDisposable
{
    private const string EchoPath = "/codefirst.test.v1.EchoService/Echo";
    private readonly RawGrpcClient _client = new(server.Address);

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Echo_ValidFrame_ReturnsMessageAndTrailers()
    {
        var response = await _client.SendAsync(EchoPath, RawGrpcClient.Frame(new EchoRequest { Message = "hi" }),
            headers: new Dictionary<string, string> { ["authorization"] = "Bearer t0k3n" });

        Assert.Equal(0, response.GrpcStatus);
        var reply = EchoReply.Parser.ParseFrom(Assert.Single(response.Frames));
        Assert.Equal("hi", reply.Message);
        Assert.Equal("Bearer t0k3n", reply.User);
        Assert.Equal("done", RawGrpcClient.Header(response.Message, "x-echo-trailer"));
    }

    [Fact]
    public async Task Echo_TruncatedFrame_ReturnsInternal()
    {
        var response = await _client.SendAsync(EchoPath, RawGrpcClient.Frame([1, 2, 3], declaredLength: 100));

        await AssertStatusThenServerAlive(response, StatusCode.Internal, "Incomplete message");
    }

    [Fact]
    public async Task Echo_GarbageProtobuf_ReturnsInvalidArgument()
    {
        var response = await _client.SendAsync(EchoPath, RawGrpcClient.Frame([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]));

        await AssertStatusThenServerAlive(response, StatusCode.InvalidArgument, "not a valid protobuf codefirst.test.v1.EchoRequest");
    }

    [Fact]
    public async Task Echo_MessageOverMaximum_ReturnsResourceExhausted()
    {
        var big = new EchoRequest { Message = new string('x', GrpcServerFixture.MaxReceiveMessageSize + 10) };

        var response = await _client.SendAsync(EchoPath, RawGrpcClient.Frame(big));

        await AssertStatusThenServerAlive(response, StatusCode.ResourceExhausted, "exceeds the maximum");
    }

    [Fact]
    public async Task Echo_CompressedFlag_ReturnsUnimplemented()
    {
        var response = await _client.SendAsync(EchoPath, RawGrpcClient.Frame(new EchoRequest { Message = "x" }.ToByteArray(), flags: 1));

        await AssertStatusThenServerAlive(response, StatusCode.Unimplemented, "Compressed messages are not supported");
    }

    [Fact]
    public async Task Echo_UnsupportedGrpcEncoding_ReturnsUnimplementedWithAcceptEncoding()
    {
        var response = await _client.SendAsync(EchoPath, RawGrpcClient.Frame(new EchoRequest()),
            headers: new Dictionary<string, string> { ["grpc-encoding"] = "gzip" });

        Assert.Equal("identity", RawGrpcClient.Header(response.Message, "grpc-accept-encoding"));
        await AssertStatusThenServerAlive(response, StatusCode.Unimplemented, "Unsupported grpc-encoding value 'gzip'");
    }

    [Fact]
    public async Task Echo_NoMessage_ReturnsInternal()
    {
        var response = await _client.SendAsync(EchoPath, []);

        await AssertStatusThenServerAlive(response, StatusCode.Internal, "without a message");
    }

    [Fact]
    public async Task Echo_TwoMessages_ReturnsInternal()
    {
        var one = RawGrpcClient.Frame(new EchoRequest { Message = "a" });

        var response = await _client.SendAsync(EchoPath, [.. one, .. one]);

        await AssertStatusThenServerAlive(response, StatusCode.Internal, "more than one message");
    }

    [Theory]
    [InlineData("/codefirst.test.v1.EchoService/Nope", "Method is unimplemented")]
    [InlineData("/codefirst.test.v1.EchoService/Unbound", "Method is unimplemented")]
    [InlineData("/codefirst.test.v1.NoSuchService/Echo", "Service is unimplemented")]
    public async Task Call_UnknownMethod_ReturnsUnimplemented(string path, string message)
    {
        var response = await _client.SendAsync(path, RawGrpcClient.Frame(new EchoRequest()));

        await AssertStatusThenServerAlive(response, StatusCode.Unimplemented, message);
    }

    [Fact]
    public async Task Echo_WrongContentType_Returns415()
    {
        var response = await _client.SendAsync(EchoPath, RawGrpcClient.Frame(new EchoRequest()), "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.HttpStatus);
        await AssertServerAlive();
    }

    [Fact]
    public async Task Echo_GrpcOverHttp11_Returns426()
    {
        using var http1 = new RawGrpcClient(server.Http1Address, HttpVersion.Version11);

        var response = await http1.SendAsync(EchoPath, RawGrpcClient.Frame(new EchoRequest()));

        Assert.Equal(HttpStatusCode.UpgradeRequired, response.HttpStatus);
    }

    [Fact]
    public async Task Crash_PlainException_ReturnsInternalWithoutDetail()
    {
        var response = await _client.SendAsync("/codefirst.test.v1.EchoService/Crash", RawGrpcClient.Frame(new EchoRequest()));

        await AssertStatusThenServerAlive(response, StatusCode.Internal, "Exception was thrown by handler.");
        Assert.DoesNotContain("secret", response.GrpcMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fail_NonAsciiMessage_ArrivesPercentEncodedAndIntact()
    {
        const string text = "DAG 'größe' n'existe pas — 100% 🚫";

        var response = await _client.SendAsync("/codefirst.test.v1.EchoService/Fail",
            RawGrpcClient.Frame(new FailRequest { Code = (int)StatusCode.NotFound, Message = text }));

        var raw = RawGrpcClient.Header(response.Message, "grpc-message");
        Assert.True(raw!.All(c => c < 0x7F), raw);
        await AssertStatusThenServerAlive(response, StatusCode.NotFound, text);
    }

    [Fact]
    public async Task Interceptor_DenyHeader_ReturnsPermissionDenied()
    {
        var response = await _client.SendAsync(EchoPath, RawGrpcClient.Frame(new EchoRequest()),
            headers: new Dictionary<string, string> { ["x-deny"] = "no token" });

        await AssertStatusThenServerAlive(response, StatusCode.PermissionDenied, "Denied: no token");
    }

    [Fact]
    public async Task DelegateInterceptor_Throws_ReturnsItsStatus()
    {
        var response = await _client.SendAsync(EchoPath, RawGrpcClient.Frame(new EchoRequest()),
            headers: new Dictionary<string, string> { ["x-unauthenticated"] = "1" });

        await AssertStatusThenServerAlive(response, StatusCode.Unauthenticated, "Bearer token required.");
    }

    [Fact]
    public async Task Wait_GrpcTimeout_ReturnsDeadlineExceededAndCancelsHandler()
    {
        var id = Guid.NewGuid().ToString();

        var response = await _client.SendAsync("/codefirst.test.v1.EchoService/Wait", RawGrpcClient.Frame(new WaitRequest { Id = id }),
            headers: new Dictionary<string, string> { ["grpc-timeout"] = "200m" });

        Assert.Equal((int)StatusCode.DeadlineExceeded, response.GrpcStatus);
        Assert.Equal("cancelled", await server.Echo.OutcomeOf(id).WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Stubborn_HandlerIgnoresDeadline_ClientStillGetsDeadlineExceeded()
    {
        var id = Guid.NewGuid().ToString();

        var response = await _client.SendAsync("/codefirst.test.v1.EchoService/Stubborn", RawGrpcClient.Frame(new WaitRequest { Id = id }),
            headers: new Dictionary<string, string> { ["grpc-timeout"] = "200m" });
        server.Echo.Release(id);

        Assert.Equal((int)StatusCode.DeadlineExceeded, response.GrpcStatus);
        Assert.Empty(response.Frames);
        Assert.Equal("finished after cancel", await server.Echo.OutcomeOf(id).WaitAsync(TimeSpan.FromSeconds(10)));
        await AssertServerAlive();
    }

    [Fact]
    public async Task Count_ServerStreaming_ReturnsEveryMessageThenOk()
    {
        var response = await _client.SendAsync("/codefirst.test.v1.EchoService/Count", RawGrpcClient.Frame(new CountRequest { N = 5 }));

        Assert.Equal(0, response.GrpcStatus);
        Assert.Equal([1, 2, 3, 4, 5], response.Frames.Select(f => CountReply.Parser.ParseFrom(f).I));
    }

    [Fact]
    public async Task Sum_ClientStreaming_AddsEveryMessage()
    {
        byte[] body = [.. RawGrpcClient.Frame(new CountReply { I = 1 }), .. RawGrpcClient.Frame(new CountReply { I = 2 }), .. RawGrpcClient.Frame(new CountReply { I = 39 })];

        var response = await _client.SendAsync("/codefirst.test.v1.EchoService/Sum", body);

        Assert.Equal(0, response.GrpcStatus);
        Assert.Equal(42, CountReply.Parser.ParseFrom(Assert.Single(response.Frames)).I);
    }

    [Fact]
    public async Task Chat_DuplexStreaming_EchoesEachMessage()
    {
        byte[] body = [.. RawGrpcClient.Frame(new EchoRequest { Message = "a" }), .. RawGrpcClient.Frame(new EchoRequest { Message = "b" })];

        var response = await _client.SendAsync("/codefirst.test.v1.EchoService/Chat", body);

        Assert.Equal(0, response.GrpcStatus);
        Assert.Equal(["a", "b"], response.Frames.Select(f => EchoReply.Parser.ParseFrom(f).Message));
    }

    private async Task AssertStatusThenServerAlive(RawResponse response, StatusCode expected, string messagePart)
    {
        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.Equal((int)expected, response.GrpcStatus);
        Assert.Contains(messagePart, response.GrpcMessage, StringComparison.Ordinal);
        await AssertServerAlive();
    }

    private async Task AssertServerAlive()
    {
        var response = await _client.SendAsync(EchoPath, RawGrpcClient.Frame(new EchoRequest { Message = "still here" }));
        Assert.Equal(0, response.GrpcStatus);
        Assert.Equal("still here", EchoReply.Parser.ParseFrom(Assert.Single(response.Frames)).Message);
    }
}
