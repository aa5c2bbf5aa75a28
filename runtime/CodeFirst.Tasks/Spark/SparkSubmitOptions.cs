using Microsoft.Extensions.Logging;

namespace CodeFirst.Tasks;

/// <summary>A typed <c>spark-submit</c> command line; null and empty members add no argument.</summary>
public sealed class SparkSubmitOptions
{
    /// <summary>The application jar or Python file.</summary>
    public required string Application { get; init; }

    public IReadOnlyList<string> ApplicationArguments { get; init; } = [];

    /// <summary><c>--master</c>, e.g. <c>yarn</c>, <c>local[*]</c>, <c>k8s://https://host:443</c>.</summary>
    public string? Master { get; init; }

    public SparkDeployMode? DeployMode { get; init; }

    /// <summary><c>--name</c>.</summary>
    public string? Name { get; init; }

    /// <summary><c>--class</c>: the main class of a JVM application.</summary>
    public string? ClassName { get; init; }

    /// <summary>One <c>--conf key=value</c> each, in ordinal key order so the command line is reproducible.</summary>
    public IReadOnlyDictionary<string, string> Conf { get; init; } = new Dictionary<string, string>();

    /// <summary>Maven coordinates, joined into one <c>--packages</c>.</summary>
    public IReadOnlyList<string> Packages { get; init; } = [];

    public IReadOnlyList<string> Jars { get; init; } = [];
    public IReadOnlyList<string> PyFiles { get; init; } = [];
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary><c>--driver-memory</c>, e.g. <c>2g</c>.</summary>
    public string? DriverMemory { get; init; }

    /// <summary><c>--executor-memory</c>, e.g. <c>4g</c>.</summary>
    public string? ExecutorMemory { get; init; }

    public int? ExecutorCores { get; init; }
    public int? NumExecutors { get; init; }
    public bool Verbose { get; init; }

    /// <summary>The executable; when null, <c>$SPARK_HOME/bin/spark-submit</c> if SPARK_HOME is set, else <c>spark-submit</c> on the PATH.</summary>
    public string? SparkSubmitPath { get; init; }

    /// <summary>Variables merged over the worker's environment (HADOOP_CONF_DIR, PYSPARK_PYTHON, …); also consulted for SPARK_HOME.</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    public string? WorkingDirectory { get; init; }

    /// <summary>After this long the spark-submit process tree is killed and <see cref="TimeoutException"/> thrown.</summary>
    public TimeSpan? Timeout { get; init; }

    public LogLevel StdoutLogLevel { get; init; } = LogLevel.Information;

    /// <summary>Spark writes its own log4j output to stderr, so stderr is not a warning by default.</summary>
    public LogLevel StderrLogLevel { get; init; } = LogLevel.Information;
}
