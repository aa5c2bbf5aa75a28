using CodeFirst.Grpc;
using CodeFirst.Proto.V1;
using CodeFirst.Server.ControlPlane.Services;
using Microsoft.AspNetCore.Routing;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace CodeFirst.Server.ControlPlane;

/// <summary>Maps the codefirst.v1 services (every handler wrapped by <see cref="RpcErrors"/>), health and reflection.</summary>
internal static class ControlPlaneEndpoints
{
    public static void MapControlPlane(
        this IEndpointRouteBuilder endpoints, DagGrpcService dags, DagRunGrpcService runs, DagRunWatcher watcher, BackfillGrpcService backfills,
        TaskInstanceGrpcService tasks, AssetGrpcService assets, PoolGrpcService pools, MonitorGrpcService monitor)
    {
        endpoints.MapGrpcService(Service(DagsReflection.Descriptor, "DagService"), s => s
            .AddUnary<ListDagsRequest, ListDagsResponse>("ListDags", RpcErrors.Wrap<ListDagsRequest, ListDagsResponse>(dags.ListDags))
            .AddUnary<GetDagRequest, GetDagResponse>("GetDag", RpcErrors.Wrap<GetDagRequest, GetDagResponse>(dags.GetDag))
            .AddUnary<ListNextDagRunsRequest, ListNextDagRunsResponse>("ListNextDagRuns",
                RpcErrors.Wrap<ListNextDagRunsRequest, ListNextDagRunsResponse>(dags.ListNextDagRuns))
            .AddUnary<SetDagPausedRequest, SetDagPausedResponse>("SetDagPaused", RpcErrors.Wrap<SetDagPausedRequest, SetDagPausedResponse>(dags.SetDagPaused)));

        endpoints.MapGrpcService(Service(DagRunsReflection.Descriptor, "DagRunService"), s => s
            .AddUnary<TriggerDagRunRequest, TriggerDagRunResponse>("TriggerDagRun", RpcErrors.Wrap<TriggerDagRunRequest, TriggerDagRunResponse>(runs.TriggerDagRun))
            .AddUnary<GetDagRunRequest, DagRun>("GetDagRun", RpcErrors.Wrap<GetDagRunRequest, DagRun>(runs.GetDagRun))
            .AddServerStreaming<WatchDagRunRequest, DagRunEvent>("WatchDagRun", RpcErrors.Wrap<WatchDagRunRequest, DagRunEvent>(watcher.WatchDagRun))
            .AddUnary<ListDagRunsRequest, ListDagRunsResponse>("ListDagRuns", RpcErrors.Wrap<ListDagRunsRequest, ListDagRunsResponse>(runs.ListDagRuns))
            .AddUnary<CreateBackfillRequest, CreateBackfillResponse>("CreateBackfill", RpcErrors.Wrap<CreateBackfillRequest, CreateBackfillResponse>(backfills.CreateBackfill))
            .AddUnary<ListBackfillsRequest, ListBackfillsResponse>("ListBackfills", RpcErrors.Wrap<ListBackfillsRequest, ListBackfillsResponse>(backfills.ListBackfills))
            .AddUnary<GetBackfillRequest, GetBackfillResponse>("GetBackfill", RpcErrors.Wrap<GetBackfillRequest, GetBackfillResponse>(backfills.GetBackfill))
            .AddUnary<CancelBackfillRequest, CancelBackfillResponse>("CancelBackfill", RpcErrors.Wrap<CancelBackfillRequest, CancelBackfillResponse>(backfills.CancelBackfill)));

        endpoints.MapGrpcService(Service(TaskInstancesReflection.Descriptor, "TaskInstanceService"), s => s
            .AddUnary<ListTaskInstancesRequest, ListTaskInstancesResponse>("ListTaskInstances",
                RpcErrors.Wrap<ListTaskInstancesRequest, ListTaskInstancesResponse>(tasks.ListTaskInstances))
            .AddUnary<GetTaskInstanceRequest, TaskInstance>("GetTaskInstance", RpcErrors.Wrap<GetTaskInstanceRequest, TaskInstance>(tasks.GetTaskInstance))
            .AddUnary<ClearTaskInstancesRequest, ClearTaskInstancesResponse>("ClearTaskInstances",
                RpcErrors.Wrap<ClearTaskInstancesRequest, ClearTaskInstancesResponse>(tasks.ClearTaskInstances))
            .AddUnary<SetTaskInstanceStateRequest, SetTaskInstanceStateResponse>("SetTaskInstanceState",
                RpcErrors.Wrap<SetTaskInstanceStateRequest, SetTaskInstanceStateResponse>(tasks.SetTaskInstanceState))
            .AddUnary<GetTaskLogRequest, GetTaskLogResponse>("GetTaskLog", RpcErrors.Wrap<GetTaskLogRequest, GetTaskLogResponse>(tasks.GetTaskLog))
            .AddServerStreaming<StreamTaskLogRequest, TaskLogLine>("StreamTaskLog", RpcErrors.Wrap<StreamTaskLogRequest, TaskLogLine>(tasks.StreamTaskLog))
            .AddUnary<ListXComsRequest, ListXComsResponse>("ListXComs", RpcErrors.Wrap<ListXComsRequest, ListXComsResponse>(tasks.ListXComs))
            .AddUnary<ListTaskInstanceTriesRequest, ListTaskInstanceTriesResponse>("ListTaskInstanceTries",
                RpcErrors.Wrap<ListTaskInstanceTriesRequest, ListTaskInstanceTriesResponse>(tasks.ListTaskInstanceTries)));

        endpoints.MapGrpcService(Service(AssetsReflection.Descriptor, "AssetService"), s => s
            .AddUnary<ListAssetsRequest, ListAssetsResponse>("ListAssets", RpcErrors.Wrap<ListAssetsRequest, ListAssetsResponse>(assets.ListAssets))
            .AddUnary<CreateAssetEventRequest, Proto.V1.AssetEvent>("CreateAssetEvent", RpcErrors.Wrap<CreateAssetEventRequest, Proto.V1.AssetEvent>(assets.CreateAssetEvent))
            .AddUnary<ListAssetEventsRequest, ListAssetEventsResponse>("ListAssetEvents", RpcErrors.Wrap<ListAssetEventsRequest, ListAssetEventsResponse>(assets.ListAssetEvents)));

        endpoints.MapGrpcService(Service(PoolsReflection.Descriptor, "PoolService"), s => s
            .AddUnary<ListPoolsRequest, ListPoolsResponse>("ListPools", RpcErrors.Wrap<ListPoolsRequest, ListPoolsResponse>(pools.ListPools))
            .AddUnary<SetPoolRequest, Pool>("SetPool", RpcErrors.Wrap<SetPoolRequest, Pool>(pools.SetPool))
            .AddUnary<DeletePoolRequest, DeletePoolResponse>("DeletePool", RpcErrors.Wrap<DeletePoolRequest, DeletePoolResponse>(pools.DeletePool)));

        endpoints.MapGrpcService(Service(MonitorReflection.Descriptor, "MonitorService"), s => s
            .AddUnary<ListProcessesRequest, ListProcessesResponse>("ListProcesses", RpcErrors.Wrap<ListProcessesRequest, ListProcessesResponse>(monitor.ListProcesses))
            .AddUnary<GetQueueDepthsRequest, GetQueueDepthsResponse>("GetQueueDepths", RpcErrors.Wrap<GetQueueDepthsRequest, GetQueueDepthsResponse>(monitor.GetQueueDepths)));

        endpoints.MapGrpcHealthService();
        endpoints.MapGrpcReflectionService();
    }

    private static ServiceDescriptor Service(Google.Protobuf.Reflection.FileDescriptor file, string name) =>
        file.FindTypeByName<ServiceDescriptor>(name);
}
