namespace CodeFirst.Server.ControlPlane.Auth;

/// <summary>The role each control-plane method needs; health and reflection need none.</summary>
internal static class MethodPolicy
{
    private static readonly Dictionary<string, ApiRole> Mutating = new(StringComparer.Ordinal)
    {
        ["/codefirst.v1.DagService/SetDagPaused"] = ApiRole.Operator,
        ["/codefirst.v1.DagRunService/TriggerDagRun"] = ApiRole.Operator,
        ["/codefirst.v1.DagRunService/CreateBackfill"] = ApiRole.Operator,
        ["/codefirst.v1.DagRunService/CancelBackfill"] = ApiRole.Operator,
        ["/codefirst.v1.TaskInstanceService/ClearTaskInstances"] = ApiRole.Operator,
        ["/codefirst.v1.TaskInstanceService/SetTaskInstanceState"] = ApiRole.Operator,
        ["/codefirst.v1.AssetService/CreateAssetEvent"] = ApiRole.Operator,
        ["/codefirst.v1.PoolService/SetPool"] = ApiRole.Admin,
        ["/codefirst.v1.PoolService/DeletePool"] = ApiRole.Admin,
    };

    /// <summary>Health checks and reflection stay open so probes and tools work without a token.</summary>
    public static bool IsOpen(string method) =>
        method.StartsWith("/grpc.health.v1.Health/", StringComparison.Ordinal)
        || method.StartsWith("/grpc.reflection.", StringComparison.Ordinal);

    /// <summary>Everything not listed as mutating (reads, and unknown methods) needs viewer.</summary>
    public static ApiRole Required(string method) => Mutating.GetValueOrDefault(method, ApiRole.Viewer);
}
