using System.Net;
using System.Text;
using System.Text.Json;
using CodeFirst.Grpc.Tests.Infrastructure;
using CodeFirst.Grpc.Tests.Protos;
using Google.Protobuf;

namespace CodeFirst.Grpc.Tests;

/// <summary>Connect unary (<c>application/json</c>, <c>application/proto</c>) over HTTP/2 and HTTP/1.1.</summary>
[Collection(GrpcCollection.Name)]
public sealed class ConnectUnaryTests(GrpcServerFixture server)
{
    public static TheoryData<string> Versions => ["2.0", "1.1"];

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Echo_Json_ReturnsJsonReplyAndTrailerHeaders(string version)
    {
        using var client = Client(version);

        var response = await client.SendAsync("/codefirst.test.v1.EchoService/Echo", Json("""{"message":"connect ✓"}"""), "application/json");

        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.Equal("application/json", response.Message.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(response.Body);
        Assert.Equal("connect ✓", body.RootElement.GetProperty("message").GetString());
        Assert.Equal("done", RawGrpcClient.Header(response.Message, "trailer-x-echo-trailer"));
    }

    [Fact]
    public async Task Echo_Proto_ReturnsProtoReply()
    {
        using var client = Client("2.0");

        var response = await client.SendAsync("/codefirst.test.v1.EchoService/Echo", new EchoRequest { Message = "bin" }.ToByteArray(), "application/proto");

        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.Equal("bin", EchoReply.Parser.ParseFrom(response.Body).Message);
    }

    [Theory]
    [InlineData("/codefirst.test.v1.EchoService/Fail", """{"code":5,"message":"no DAG named ‘x’"}""", HttpStatusCode.NotFound, "not_found", "no DAG named ‘x’")]
    [InlineData("/codefirst.test.v1.EchoService/Echo", """{"message": """, HttpStatusCode.BadRequest, "invalid_argument", "not a valid JSON")]
    [InlineData("/codefirst.test.v1.EchoService/Unbound", "{}", HttpStatusCode.NotImplemented, "unimplemented", "Method is unimplemented")]
    [InlineData("/codefirst.test.v1.EchoService/Crash", "{}", HttpStatusCode.InternalServerError, "internal", "Exception was thrown by handler.")]
    public async Task Call_Error_ReturnsConnectErrorBody(string path, string json, HttpStatusCode httpStatus, string code, string message)
    {
        using var client = Client("1.1");

        var response = await client.SendAsync(path, Json(json), "application/json");

        Assert.Equal(httpStatus, response.HttpStatus);
        using var body = JsonDocument.Parse(response.Body);
        Assert.Equal(code, body.RootElement.GetProperty("code").GetString());
        Assert.Contains(message, body.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_ConnectTimeout_ReturnsDeadlineExceeded()
    {
        using var client = Client("2.0");
        var id = Guid.NewGuid().ToString();

        var response = await client.SendAsync("/codefirst.test.v1.EchoService/Wait", Json($$"""{"id":"{{id}}"}"""), "application/json",
            new Dictionary<string, string> { ["connect-timeout-ms"] = "150" });

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.HttpStatus);
        Assert.Equal("cancelled", await server.Echo.OutcomeOf(id).WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Count_UnaryContentTypeOnStreamingMethod_Returns415()
    {
        using var client = Client("2.0");

        var response = await client.SendAsync("/codefirst.test.v1.EchoService/Count", Json("{}"), "application/json");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.HttpStatus);
    }

    private RawGrpcClient Client(string version) =>
        version == "2.0" ? new RawGrpcClient(server.Address) : new RawGrpcClient(server.Http1Address, HttpVersion.Version11);

    private static byte[] Json(string json) => Encoding.UTF8.GetBytes(json);
}
