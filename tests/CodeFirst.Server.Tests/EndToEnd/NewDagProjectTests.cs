using CodeFirst.Server.Tests.Support;

namespace CodeFirst.Server.Tests.EndToEnd;

/// <summary>
/// A brand-new DAG project outside the repository, referencing the runtime and the generator as
/// the README explains: it builds and 'dags test' runs it; mistakes fail the build with CF errors.
/// </summary>
public sealed class NewDagProjectTests : IDisposable
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(4);
    private readonly string _dir = Directory.CreateTempSubdirectory("codefirst-newproject-").FullName;

    private const string GoodDag = """
        using CodeFirst;
        using Microsoft.Extensions.Logging;

        namespace MyDags;

        [Dag("greetings", Schedule = "@hourly", StartDate = "2024-01-01")]
        public sealed partial class Greetings
        {
            [Task]
            public string[] Names() => ["Ada", "Grace"];

            [Task(Retries = 1, RetryDelay = "00:00:00.1")]
            public string Greet(string[] names, TaskContext ctx) => $"Hello {string.Join(" & ", names)} on {ctx.Ds}";

            [Task(After = [nameof(Greet)])]
            public void Done(ILogger log) => log.LogInformation("done");
        }
        """;

    private void WriteProject(string dagSource)
    {
        var root = RepoPaths.Root;
        File.WriteAllText(Path.Combine(_dir, "MyDags.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{root}/runtime/CodeFirst.Server/CodeFirst.Server.csproj" />
                <ProjectReference Include="{root}/generators/CodeFirst.Generators/CodeFirst.Generators.csproj"
                                  OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(_dir, "Program.cs"), "return await CodeFirst.CodeFirstApp.RunAsync(args);\n");
        File.WriteAllText(Path.Combine(_dir, "Greetings.cs"), dagSource);
    }

    private Task<ProcessResult> BuildAsync() => DotnetAsync("build", "-nologo", "-v", "q", "-clp:NoSummary");

    private Task<ProcessResult> DotnetAsync(params string[] args) =>
        ProcessRunner.RunAsync("dotnet", args, BuildTimeout, _dir, NestedDotnet.Environment);

    [Fact]
    public async Task NewProject_Valid_BuildsAndDagsTestSucceeds()
    {
        WriteProject(GoodDag);
        var build = await BuildAsync();
        Assert.True(build.ExitCode == 0, build.Output);

        var test = await DotnetAsync("run", "--no-build", "--", "dags", "test", "greetings", "2024-03-01");

        Assert.True(test.ExitCode == 0, test.Output);
        Assert.Matches(@"names\s+success\s+1/1", test.Output);
        Assert.Matches(@"greet\s+success\s+1/2", test.Output);
        Assert.Matches(@"done\s+success\s+1/1", test.Output);
        Assert.Contains("Run manual__2024-03-01T00:00:00+00:00: success", test.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewProject_Cycle_FailsWithCF0003AtTheTask()
    {
        WriteProject(GoodDag.Replace("[Task]\n    public string[] Names()", "[Task(After = [nameof(Done)])]\n    public string[] Names()", StringComparison.Ordinal));

        var build = await BuildAsync();

        Assert.NotEqual(0, build.ExitCode);
        // Names is declared first on line 10, column 21.
        Assert.Matches(@"Greetings\.cs\(10,21\): error CF0003: .*names -> greet -> done -> names", build.Output);
    }

    [Fact]
    public async Task NewProject_TypeMismatch_FailsWithCF0004AtTheParameter()
    {
        WriteProject(GoodDag.Replace("Greet(string[] names,", "Greet(int names,", StringComparison.Ordinal));

        var build = await BuildAsync();

        Assert.NotEqual(0, build.ExitCode);
        // The parameter 'int names' is on line 13, column 25.
        Assert.Matches(@"Greetings\.cs\(13,25\): error CF0004: ", build.Output);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
