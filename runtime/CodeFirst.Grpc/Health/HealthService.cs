using Grpc.Health.V1;

namespace CodeFirst.Grpc.Health;

/// <summary><c>grpc.health.v1.Health</c> over <see cref="HealthStatusRegistry"/>.</summary>
internal sealed class HealthService(HealthStatusRegistry registry)
{
    public Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context) =>
        registry.TryGetStatus(request.Service, out var status)
            ? Task.FromResult(new HealthCheckResponse { Status = status })
            : throw new RpcException(StatusCode.NotFound, $"Unknown service '{request.Service}'.");

    public async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context)
    {
        HealthCheckResponse.Types.ServingStatus? last = null;
        var statuses = registry.Watch(request.Service, context.CancellationToken);
        await foreach (var status in statuses.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
        {
            if (status != last)
            {
                await responseStream.WriteAsync(new HealthCheckResponse { Status = status }).ConfigureAwait(false);
                last = status;
            }
        }

        context.CancellationToken.ThrowIfCancellationRequested();
    }
}
