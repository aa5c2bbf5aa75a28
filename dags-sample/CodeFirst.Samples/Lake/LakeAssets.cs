namespace CodeFirst.Samples.Lake;

/// <summary>The asset URIs the lake DAGs share: one constant, so producer and consumer cannot drift apart.</summary>
public static class LakeAssets
{
    public const string Orders = "s3://lake/orders";
}
