namespace CodeFirst.Tasks;

/// <summary>Where the Spark driver runs (<c>--deploy-mode</c>).</summary>
public enum SparkDeployMode
{
    /// <summary>The driver runs inside the spark-submit process on the worker.</summary>
    Client,

    /// <summary>The driver runs on the cluster; spark-submit only submits (and, on YARN/Kubernetes, waits).</summary>
    Cluster,
}
