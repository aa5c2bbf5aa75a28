using System.Net;
using CodeFirst.Grpc.Tests.Protos;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace CodeFirst.Grpc.Tests.Infrastructure;

/// <summary>
/// A real Kestrel on 127.0.0.1 with two ports: the HTTP/2-only gRPC port, and an HTTP/1.1 port
/// for Connect-over-HTTP/1.1 and the 426 check.
/// </summary>
public sealed class GrpcServerFixture : IAsyncLifetime
{
    public const int MaxReceiveMessageSize = 1024 * 1024;

    private WebApplication? _app;
    private ListenOptions? _grpcListen;
    private ListenOptions? _http1Listen;

    public Uri Address { get; private set; } = null!;

    public Uri Http1Address { get; private set; } = null!;

    public EchoTestService Echo { get; } = new();

    public Health.HealthStatusRegistry Health { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenGrpcWire(IPAddress.Loopback, 0, listen => _grpcListen = listen);
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                _http1Listen = listen;
            });
        });
        builder.Services.AddGrpcWire(options =>
        {
            options.MaxReceiveMessageSize = MaxReceiveMessageSize;
            options.Interceptors.Add(new DenyInterceptor());
            options.Interceptors.Add(context => context.RequestHeaders.GetValue("x-unauthenticated") is null
                ? ValueTask.CompletedTask
                : throw new RpcException(StatusCode.Unauthenticated, "Bearer token required."));
        });

        _app = builder.Build();
        var echo = EchoReflection.Descriptor.FindTypeByName<ServiceDescriptor>("EchoService");
        _app.MapGrpcService(echo, service => service
            .AddUnary<EchoRequest, EchoReply>("Echo", Echo.Echo)
            .AddServerStreaming<CountRequest, CountReply>("Count", Echo.Count)
            .AddClientStreaming<CountReply, CountReply>("Sum", Echo.Sum)
            .AddDuplexStreaming<EchoRequest, EchoReply>("Chat", Echo.Chat)
            .AddUnary<FailRequest, EchoReply>("Fail", Echo.Fail)
            .AddUnary<EchoRequest, EchoReply>("Crash", Echo.Crash)
            .AddUnary<WaitRequest, EchoReply>("Wait", Echo.Wait)
            .AddUnary<WaitRequest, EchoReply>("Stubborn", Echo.Stubborn));
        _app.MapGrpcHealthService();
        _app.MapGrpcReflectionService();
        Health = _app.Services.GetRequiredService<Health.HealthStatusRegistry>();

        await _app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Address = ToUri(_grpcListen!);
        Http1Address = ToUri(_http1Listen!);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await _app.DisposeAsync();
        }
    }

    private static Uri ToUri(ListenOptions listen) => new($"http://{listen.IPEndPoint!}");
}
