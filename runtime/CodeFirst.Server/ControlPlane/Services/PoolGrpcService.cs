using CodeFirst.Grpc;
using CodeFirst.Proto.V1;

namespace CodeFirst.Server.ControlPlane.Services;

/// <summary><c>codefirst.v1.PoolService</c>: defined now so clients can be written; pools come with their own issue.</summary>
internal sealed class PoolGrpcService
{
    private const string Message = "Pools are not implemented yet: they come with the pools issue (every task runs in the default pool until then).";

    public Task<ListPoolsResponse> ListPools(ListPoolsRequest request, ServerCallContext context) => throw Unimplemented();

    public Task<Pool> SetPool(SetPoolRequest request, ServerCallContext context) => throw Unimplemented();

    public Task<DeletePoolResponse> DeletePool(DeletePoolRequest request, ServerCallContext context) => throw Unimplemented();

    private static RpcException Unimplemented() => new(StatusCode.Unimplemented, Message);
}
