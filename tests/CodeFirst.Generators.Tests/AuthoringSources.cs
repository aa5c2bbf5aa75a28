namespace CodeFirst.Generators.Tests;

/// <summary>DAG sources for task groups, multiple outputs, doc comments and DAG families.</summary>
internal static class AuthoringSources
{
    /// <summary>Two groups (one nested), group-level edges, a record split into keys, and doc comments.</summary>
    public const string Ingestion = """
        using CodeFirst;

        namespace Authoring;

        public sealed record Extracted(string Path, int Rows);

        /// <summary>
        /// Loads the <see cref="Extracted"/> files,
        /// then reports.
        /// </summary>
        [Dag("ingest")]
        [TaskGroup("transform", After = ["ingestion"])]
        public sealed partial class IngestDag
        {
            /// <summary>Lists the files to read.</summary>
            [Task(Group = "ingestion")]
            public static Extracted ReadFiles() => new("/data/in.csv", 3);

            [Task(Group = "ingestion.checks")]
            public static bool Validate(Extracted readFiles) => readFiles.Rows > 0;

            [Task(Group = "transform")]
            public static string Clean([FromTask(nameof(ReadFiles), Key = nameof(Extracted.Path))] string path) => path.Trim();

            [Task(Group = "transform")]
            public static int Count([FromTask(nameof(ReadFiles), Key = "Rows")] int rows, string clean) => rows;

            [Task(After = ["transform"])]
            public static void Report() { }
        }
        """;

    /// <summary>A family of two members declared in code, plus a JSON file.</summary>
    public const string Regions = """
        using CodeFirst;

        namespace Authoring;

        public sealed record RegionParams(string Region = "eu", int Limit = 10);

        [Dag("region_report", Schedule = "@daily", Tags = ["reports"], Params = typeof(RegionParams))]
        [DagInstance("region_report_eu", Tags = ["eu"])]
        [DagInstance("region_report_us", Schedule = "0 6 * * *", Description = "US", Params = "{\"region\": \"us\", \"limit\": 5}")]
        [DagFamily("regions.json")]
        public sealed partial class RegionReport
        {
            [Task]
            public static string Build(TaskContext context) => context.GetParams<RegionParams>().Region;
        }
        """;
}
