using CodeFirst.Grpc;
using CodeFirst.Proto.V1;

namespace CodeFirst.Server.ControlPlane.Services;

/// <summary><c>codefirst.v1.AssetService</c>: defined now so clients can be written; assets come with their own issue.</summary>
internal sealed class AssetGrpcService
{
    private const string Message = "Assets are not implemented yet: asset (dataset) scheduling and asset events come with the assets issue.";

    public Task<ListAssetsResponse> ListAssets(ListAssetsRequest request, ServerCallContext context) => throw Unimplemented();

    public Task<Proto.V1.AssetEvent> CreateAssetEvent(CreateAssetEventRequest request, ServerCallContext context) => throw Unimplemented();

    public Task<ListAssetEventsResponse> ListAssetEvents(ListAssetEventsRequest request, ServerCallContext context) => throw Unimplemented();

    private static RpcException Unimplemented() => new(StatusCode.Unimplemented, Message);
}
