using System.Threading.Channels;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace CodeFirst.Grpc.Health;

/// <summary>
/// The statuses <c>grpc.health.v1.Health</c> reports, per service name; "" is the whole server
/// and starts as SERVING.
/// </summary>
public sealed class HealthStatusRegistry
{
    public const string OverallService = "";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, ServingStatus> _statuses = new(StringComparer.Ordinal) { [OverallService] = ServingStatus.Serving };
    private readonly List<(string Service, Channel<ServingStatus> Channel)> _watchers = [];

    public void SetStatus(string service, ServingStatus status)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_lock)
        {
            _statuses[service] = status;
            Notify(service, status);
        }
    }

    public void ClearStatus(string service)
    {
        lock (_lock)
        {
            _statuses.Remove(service);
            Notify(service, ServingStatus.ServiceUnknown);
        }
    }

    public bool TryGetStatus(string service, out ServingStatus status)
    {
        lock (_lock)
        {
            return _statuses.TryGetValue(service, out status);
        }
    }

    /// <summary>The current status (SERVICE_UNKNOWN when unset), then every change, until cancelled.</summary>
    internal ChannelReader<ServingStatus> Watch(string service, CancellationToken cancellationToken)
    {
        // Capacity 1, drop oldest: a slow watcher skips to the latest status.
        var channel = Channel.CreateBounded<ServingStatus>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        var watcher = (service, channel);
        lock (_lock)
        {
            channel.Writer.TryWrite(_statuses.TryGetValue(service, out var status) ? status : ServingStatus.ServiceUnknown);
            _watchers.Add(watcher);
        }

        cancellationToken.Register(() =>
        {
            lock (_lock)
            {
                _watchers.Remove(watcher);
            }

            channel.Writer.TryComplete();
        });
        return channel.Reader;
    }

    private void Notify(string service, ServingStatus status)
    {
        foreach (var (watched, channel) in _watchers)
        {
            if (watched == service)
            {
                channel.Writer.TryWrite(status);
            }
        }
    }
}
