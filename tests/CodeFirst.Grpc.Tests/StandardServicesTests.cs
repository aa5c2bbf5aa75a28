using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using CodeFirst.Grpc.Tests.Infrastructure;
using Google.Protobuf;
using Grpc.Health.V1;
using Grpc.Reflection.V1;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace CodeFirst.Grpc.Tests;

/// <summary>Health Watch and reflection details that buf curl does not show.</summary>
[Collection(GrpcCollection.Name)]
public sealed class StandardServicesTests(GrpcServerFixture server) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly RawGrpcClient _client = new(server.Address);

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task ReflectionInfo_FileContainingSymbol_SendsDependenciesOncePerStream()
    {
        byte[] body =
        [
            .. RawGrpcClient.Frame(new ServerReflectionRequest { FileContainingSymbol = "codefirst.test.v1.EchoService.Echo" }),
            .. RawGrpcClient.Frame(new ServerReflectionRequest { FileContainingSymbol = "codefirst.test.v1.CountReply" }),
            .. RawGrpcClient.Frame(new ServerReflectionRequest { FileByFilename = "google/protobuf/timestamp.proto" }),
            .. RawGrpcClient.Frame(new ServerReflectionRequest { FileContainingSymbol = "no.such.Symbol" }),
            .. RawGrpcClient.Frame(new ServerReflectionRequest { AllExtensionNumbersOfType = "codefirst.test.v1.EchoRequest" }),
        ];

        var response = await _client.SendAsync("/grpc.reflection.v1.ServerReflection/ServerReflectionInfo", body);

        Assert.Equal(0, response.GrpcStatus);
        var answers = response.Frames.Select(f => ServerReflectionResponse.Parser.ParseFrom(f)).ToList();
        Assert.Equal(5, answers.Count);
        Assert.Equal(["echo.proto", "google/protobuf/timestamp.proto"], FileNames(answers[0]));
        Assert.Equal(["echo.proto"], FileNames(answers[1]));
        Assert.Equal(["google/protobuf/timestamp.proto"], FileNames(answers[2]));
        Assert.Equal((int)StatusCode.NotFound, answers[3].ErrorResponse.ErrorCode);
        Assert.Equal("codefirst.test.v1.EchoRequest", answers[4].AllExtensionNumbersResponse.BaseTypeName);
        Assert.Empty(answers[4].AllExtensionNumbersResponse.ExtensionNumber);
    }

    [Fact]
    public async Task ReflectionInfo_V1Alpha_AnswersListServices()
    {
        var body = RawGrpcClient.Frame(new global::Grpc.Reflection.V1Alpha.ServerReflectionRequest { ListServices = "*" });

        var response = await _client.SendAsync("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", body);

        var answer = global::Grpc.Reflection.V1Alpha.ServerReflectionResponse.Parser.ParseFrom(Assert.Single(response.Frames));
        Assert.Contains(answer.ListServicesResponse.Service, s => s.Name == "grpc.health.v1.Health");
    }

    [Fact]
    public async Task HealthWatch_StatusChanges_StreamsEachChange()
    {
        const string service = "watch.test.Service";
        using var http = new HttpClient { Timeout = Timeout };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Address, "/grpc.health.v1.Health/Watch"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(RawGrpcClient.Frame(new HealthCheckRequest { Service = service })),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/grpc");
        using var cts = new CancellationTokenSource(Timeout);

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        await using var stream = await response.Content.ReadAsStreamAsync(cts.Token);

        Assert.Equal(ServingStatus.ServiceUnknown, (await ReadFrameAsync(stream, cts.Token)).Status);
        server.Health.SetStatus(service, ServingStatus.Serving);
        Assert.Equal(ServingStatus.Serving, (await ReadFrameAsync(stream, cts.Token)).Status);
        server.Health.SetStatus(service, ServingStatus.NotServing);
        Assert.Equal(ServingStatus.NotServing, (await ReadFrameAsync(stream, cts.Token)).Status);
    }

    private static async Task<HealthCheckResponse> ReadFrameAsync(Stream stream, CancellationToken cancellationToken)
    {
        var header = new byte[5];
        await stream.ReadExactlyAsync(header, cancellationToken);
        var payload = new byte[BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1))];
        await stream.ReadExactlyAsync(payload, cancellationToken);
        return HealthCheckResponse.Parser.ParseFrom(payload);
    }

    private static string[] FileNames(ServerReflectionResponse response) =>
        [.. response.FileDescriptorResponse.FileDescriptorProto.Select(b => Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(b).Name)];
}
