using CodeFirst.Grpc;
using CodeFirst.Proto.V1;
using CodeFirst.Runtime.Storage;
using CodeFirst.Server.ControlPlane.Mapping;

namespace CodeFirst.Server.ControlPlane.Services;

/// <summary><c>codefirst.v1.PoolService</c>: Airflow's pools (named slot counts shared by the tasks that name them).</summary>
internal sealed class PoolGrpcService(IStore store, AuditTrail audit)
{
    public async Task<ListPoolsResponse> ListPools(ListPoolsRequest request, ServerCallContext context)
    {
        var size = PageToken.Size(request.PageSize);
        var offset = PageToken.Offset(request.PageToken);
        var pools = await store.ListPoolsAsync(context.CancellationToken);
        var response = new ListPoolsResponse { NextPageToken = PageToken.Next(offset, size, pools.Count) };
        response.Pools.AddRange(pools.Skip(offset).Take(size).Select(ToProto));
        return response;
    }

    public async Task<Pool> SetPool(SetPoolRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.Name)) throw new ArgumentException("name: a pool needs a name.", nameof(request));
        if (request.Slots < 0) throw new ArgumentException($"slots: must be zero or more, not {request.Slots}.", nameof(request));
        // An empty description keeps the current one (proto3 cannot tell empty from absent); include_deferred is
        // always set as given, as Airflow's `pools set … [--include-deferred]` does.
        await store.SetPoolAsync(request.Name, request.Slots, request.Description.Length == 0 ? null : request.Description, request.IncludeDeferred, context.CancellationToken);
        await audit.RecordAsync(context, $"pool={request.Name} slots={request.Slots} include_deferred={request.IncludeDeferred}");
        return ToProto((await store.GetPoolAsync(request.Name, context.CancellationToken))!);
    }

    public async Task<DeletePoolResponse> DeletePool(DeletePoolRequest request, ServerCallContext context)
    {
        if (!await store.DeletePoolAsync(request.Name, context.CancellationToken))
            throw new KeyNotFoundException($"Pool '{request.Name}' does not exist.");
        await audit.RecordAsync(context, $"pool={request.Name}");
        return new DeletePoolResponse();
    }

    private static Pool ToProto(PoolRecord pool) => new()
    {
        Name = pool.Name,
        Slots = pool.Slots,
        Description = pool.Description,
        IncludeDeferred = pool.IncludeDeferred,
        OccupiedSlots = pool.OccupiedSlots,
        RunningSlots = pool.RunningSlots,
        QueuedSlots = pool.QueuedSlots,
        OpenSlots = pool.OpenSlots,
        DeferredSlots = pool.DeferredSlots,
    };
}
