namespace CodeFirst.Packaging.Tests.Support;

/// <summary>A brand-new DAG application in the work area that references only the 'CodeFirst' package.</summary>
public sealed class ConsumerProject
{
    public const string GoodDag = """
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

    private ConsumerProject(string directory, ProcessResult build)
    {
        Directory = directory;
        Build = build;
    }

    public string Directory { get; }

    public ProcessResult Build { get; }

    public string Dll => Path.Combine(Directory, "bin", "Debug", "net10.0", "MyDags.dll");

    public static async Task<ConsumerProject> CreateAndBuildAsync(LocalFeed feed, string name, string dagSource)
    {
        var directory = feed.NewDirectory(name);
        File.WriteAllText(Path.Combine(directory, "MyDags.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="CodeFirst" Version="{feed.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), "return await CodeFirst.CodeFirstApp.RunAsync(args);\n");
        File.WriteAllText(Path.Combine(directory, "Greetings.cs"), dagSource);
        var build = await feed.DotnetAsync(directory, "build", "-nologo", "-v", "q", "-clp:NoSummary");
        return new ConsumerProject(directory, build);
    }
}
