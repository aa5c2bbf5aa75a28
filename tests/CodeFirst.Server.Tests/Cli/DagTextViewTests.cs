using CodeFirst.Definitions;
using CodeFirst.Proto.V1;
using CodeFirst.Server.Cli;
using CodeFirst.Server.ControlPlane.Mapping;

namespace CodeFirst.Server.Tests.Cli;

/// <summary>The text of <c>dags show</c> for task groups, docs and multiple outputs.</summary>
public sealed class DagTextViewTests
{
    private static readonly DagDefinition Grouped = new()
    {
        DagId = "ingest",
        Doc = "Loads the files, then reports.",
        Tasks =
        [
            Task("ingestion.read_files", group: "ingestion", doc: "Lists the files to read.", outputs: ["Path", "Rows"]),
            Task("ingestion.checks.validate", ["ingestion.read_files"], group: "ingestion.checks"),
            Task("report", ["ingestion.checks.validate"]),
        ],
    };

    private static TaskDefinition Task(string id, string[]? upstream = null, string? group = null, string? doc = null, string[]? outputs = null) => new()
    {
        TaskId = id,
        MethodName = id,
        Upstream = upstream ?? [],
        Group = group,
        Doc = doc,
        OutputKeys = outputs ?? [],
        Invoke = _ => new ValueTask<string?>((string?)null),
    };

    private static async Task<string> RenderAsync(DagDefinition definition)
    {
        var response = new GetDagResponse { Dag = new Dag { DagId = definition.DagId, Doc = definition.Doc ?? "" } };
        response.Tasks.AddRange(definition.Tasks.Select(t => DagMapper.ToProto(definition, t)));
        using var output = new StringWriter();
        await DagTextView.WriteAsync(output, response);
        return output.ToString().ReplaceLineEndings("\n");
    }

    [Fact]
    public async Task Write_GroupedDag_GroupColumnAndNestedGroupTree()
    {
        var text = await RenderAsync(Grouped);

        Assert.Matches(@"task_id\s+group\s+upstream", text);
        Assert.Matches(@"ingestion\.checks\.validate\s+ingestion\.checks\s+ingestion\.read_files\s+report", text);
        Assert.Contains("groups:\n  ingestion: ingestion.read_files\n    ingestion.checks: ingestion.checks.validate\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_Docs_DagDocAndTaskDocs()
    {
        var text = await RenderAsync(Grouped);

        Assert.Contains("doc:          Loads the files, then reports.\n", text, StringComparison.Ordinal);
        Assert.Contains("docs:\n  ingestion.read_files: Lists the files to read.\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_MultipleOutputs_ListsTheKeys()
    {
        var text = await RenderAsync(Grouped);

        Assert.Contains("outputs:\n  ingestion.read_files: Path, Rows\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void DagMapper_Definition_CarriesDocGroupAndOutputKeys()
    {
        var dag = DagMapper.ToProto(CodeFirst.Runtime.Engine.LoadedDag.Load(Grouped), null, DateTimeOffset.UnixEpoch);
        var task = DagMapper.ToProto(Grouped, Grouped.GetTask("ingestion.read_files"));

        Assert.Equal("Loads the files, then reports.", dag.Doc);
        Assert.Equal(("ingestion", "Lists the files to read."), (task.Group, task.Doc));
        Assert.Equal(["Path", "Rows"], task.OutputKeys);
    }

    [Fact]
    public async Task Write_PlainDag_NoGroupColumnNoSections()
    {
        var text = await RenderAsync(new DagDefinition { DagId = "plain", Tasks = [Task("a")] });

        Assert.DoesNotContain("group", text, StringComparison.Ordinal);
        Assert.DoesNotContain("doc:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("outputs:", text, StringComparison.Ordinal);
    }
}
