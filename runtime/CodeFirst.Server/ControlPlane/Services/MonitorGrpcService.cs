using CodeFirst.Grpc;
using CodeFirst.Proto.V1;
using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.Storage;
using CodeFirst.Server.ControlPlane.Mapping;
using Google.Protobuf.WellKnownTypes;

namespace CodeFirst.Server.ControlPlane.Services;

/// <summary>
/// <c>codefirst.v1.MonitorService</c>: the process registry (Hangfire's Servers page, Airflow's jobs) and the
/// depth of every queue, read-only.
/// </summary>
internal sealed class MonitorGrpcService(CodeFirstEngine engine)
{
    private static readonly string[] Roles = ["scheduler", "worker", "triggerer", "standalone"];

    private IMonitorStore Monitor => engine.Store as IMonitorStore
        ?? throw new InvalidOperationException($"The {engine.Store.GetType().Name} database does not record processes.");

    public async Task<ListProcessesResponse> ListProcesses(ListProcessesRequest request, ServerCallContext context)
    {
        if (request.Role.Length > 0 && !Roles.Contains(request.Role, StringComparer.Ordinal))
            throw new ArgumentException($"role: '{request.Role}' is not a role; use one of {string.Join(", ", Roles)}, or leave it empty.", "role");
        var now = engine.Time.GetUtcNow();
        var response = new ListProcessesResponse();
        foreach (var process in await Monitor.ListProcessesAsync(context.CancellationToken))
        {
            var status = process.StatusAt(now);
            if (request.AliveOnly && status != ProcessStatus.Running) continue;
            if (request.Role.Length > 0 && !Runs(process, request.Role)) continue;
            response.Processes.Add(ToProto(process, status));
        }
        return response;
    }

    public async Task<GetQueueDepthsResponse> GetQueueDepths(GetQueueDepthsRequest request, ServerCallContext context)
    {
        var depths = (await Monitor.ListQueueDepthsAsync(context.CancellationToken)).ToDictionary(d => d.Queue, StringComparer.Ordinal);
        // Empty queues are worth seeing too: the ones tasks use and the ones live workers wait on.
        var names = new SortedSet<string>(depths.Keys, StringComparer.Ordinal);
        foreach (var dag in engine.Dags.Dags)
            foreach (var task in dag.Definition.Tasks) names.Add(task.Queue);
        var now = engine.Time.GetUtcNow();
        foreach (var process in await Monitor.ListProcessesAsync(context.CancellationToken))
            if (process.StatusAt(now) == ProcessStatus.Running && process.Queues is { } served) names.UnionWith(served);

        var response = new GetQueueDepthsResponse();
        foreach (var name in names)
        {
            var depth = depths.GetValueOrDefault(name) ?? new Runtime.Storage.QueueDepth(name, 0, 0, 0);
            response.Queues.Add(new Proto.V1.QueueDepth { Queue = name, Queued = depth.Queued, Running = depth.Running, Deferred = depth.Deferred });
        }
        return response;
    }

    /// <summary>A standalone process runs every role; a combined one ("scheduler+worker") runs each of its parts.</summary>
    private static bool Runs(ProcessRecord process, string role) =>
        process.Role == role || process.Role == "standalone" || process.Role.Split('+').Contains(role, StringComparer.Ordinal);

    private static Proto.V1.Process ToProto(ProcessRecord process, ProcessStatus status)
    {
        var proto = new Proto.V1.Process
        {
            Id = process.Id,
            Role = process.Role,
            Hostname = process.Hostname,
            Pid = process.Pid,
            AllQueues = process.Queues is null,
            Concurrency = process.Concurrency,
            StartedAt = Timestamp.FromDateTimeOffset(process.StartedAt),
            LastHeartbeat = Timestamp.FromDateTimeOffset(process.LastHeartbeat),
            HeartbeatIntervalMs = (int)process.HeartbeatInterval.TotalMilliseconds,
            RunningTasks = process.RunningTasks,
            RunningTriggers = process.RunningTriggers,
            State = status.ToString().ToLowerInvariant(),
            StoppedAt = ProtoTime.ToProto(process.StoppedAt),
        };
        if (process.Queues is { } queues) proto.Queues.AddRange(queues);
        return proto;
    }
}
