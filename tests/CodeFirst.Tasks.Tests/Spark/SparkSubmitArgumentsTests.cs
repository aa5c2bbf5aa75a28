namespace CodeFirst.Tasks.Tests;

public sealed class SparkSubmitArgumentsTests
{
    [Fact]
    public void BuildArguments_AllOptions_ProducesFlagsInDocumentedOrder()
    {
        var options = new SparkSubmitOptions
        {
            Application = "s3://bucket/jobs/etl.jar",
            ApplicationArguments = ["--date", "2024-01-01"],
            Master = "yarn",
            DeployMode = SparkDeployMode.Cluster,
            Name = "daily etl",
            ClassName = "com.example.Etl",
            Conf = new Dictionary<string, string> { ["spark.executor.instances"] = "4" },
            Packages = ["org.apache.hadoop:hadoop-aws:3.3.4", "io.delta:delta-spark_2.12:3.1.0"],
            Jars = ["a.jar", "b.jar"],
            PyFiles = ["deps.zip"],
            Files = ["app.conf"],
            DriverMemory = "2g",
            ExecutorMemory = "4g",
            ExecutorCores = 2,
            NumExecutors = 8,
            Verbose = true,
        };

        Assert.Equal(
        [
            "--master", "yarn",
            "--deploy-mode", "cluster",
            "--name", "daily etl",
            "--class", "com.example.Etl",
            "--conf", "spark.executor.instances=4",
            "--packages", "org.apache.hadoop:hadoop-aws:3.3.4,io.delta:delta-spark_2.12:3.1.0",
            "--jars", "a.jar,b.jar",
            "--py-files", "deps.zip",
            "--files", "app.conf",
            "--driver-memory", "2g",
            "--executor-memory", "4g",
            "--executor-cores", "2",
            "--num-executors", "8",
            "--verbose",
            "s3://bucket/jobs/etl.jar",
            "--date", "2024-01-01",
        ], SparkSubmit.BuildArguments(options));
    }

    [Fact]
    public void BuildArguments_ConfMap_IsInOrdinalKeyOrder()
    {
        var options = new SparkSubmitOptions
        {
            Application = "app.py",
            Conf = new Dictionary<string, string> { ["spark.b"] = "2", ["spark.B"] = "3", ["spark.a"] = "1" },
        };

        Assert.Equal(["--conf", "spark.B=3", "--conf", "spark.a=1", "--conf", "spark.b=2", "app.py"], SparkSubmit.BuildArguments(options));
    }

    [Fact]
    public void BuildArguments_OnlyApplication_IsJustTheApplication()
    {
        Assert.Equal(["app.py"], SparkSubmit.BuildArguments(new SparkSubmitOptions { Application = "app.py" }));
    }

    [Fact]
    public void BuildArguments_ConfKeyWithEquals_Throws()
    {
        var options = new SparkSubmitOptions { Application = "app.py", Conf = new Dictionary<string, string> { ["a=b"] = "c" } };

        Assert.Throws<ArgumentException>(() => SparkSubmit.BuildArguments(options));
    }

    [Fact]
    public void ResolveExecutable_ExplicitPath_WinsOverSparkHome()
    {
        var options = new SparkSubmitOptions { Application = "app.py", SparkSubmitPath = "/opt/spark-3.5/bin/spark-submit" };

        Assert.Equal("/opt/spark-3.5/bin/spark-submit", SparkSubmit.ResolveExecutable(options, _ => "/opt/other"));
    }

    [Fact]
    public void ResolveExecutable_SparkHomeInOptions_WinsOverProcessEnvironment()
    {
        var options = new SparkSubmitOptions { Application = "app.py", Environment = new Dictionary<string, string?> { ["SPARK_HOME"] = "/opt/spark" } };

        Assert.Equal(Path.Combine("/opt/spark", "bin", "spark-submit"), SparkSubmit.ResolveExecutable(options, _ => "/opt/other"));
    }

    [Fact]
    public void ResolveExecutable_SparkHomeInProcessEnvironment_UsesItsBin()
    {
        var options = new SparkSubmitOptions { Application = "app.py" };

        Assert.Equal(Path.Combine("/opt/other", "bin", "spark-submit"), SparkSubmit.ResolveExecutable(options, name => name == "SPARK_HOME" ? "/opt/other" : null));
    }

    [Fact]
    public void ResolveExecutable_NoSparkHome_IsLookedUpOnPath()
    {
        Assert.Equal("spark-submit", SparkSubmit.ResolveExecutable(new SparkSubmitOptions { Application = "app.py" }, _ => null));
    }
}
