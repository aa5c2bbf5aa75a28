using System.Reflection;
using System.Runtime.Loader;
using CodeFirst.Definitions;
using CodeFirst.Generators.Tests.TestHelpers;

namespace CodeFirst.Generators.Tests.Execution;

/// <summary>
/// Compiles a source with its generated code into a collectible context and reads a DAG class's members.
/// Each source is compiled once per test run: its module initializer registers its DAGs in the process-wide registry.
/// </summary>
internal static class CompiledDag
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Assembly>> Compiled = new(StringComparer.Ordinal);

    public static Assembly Compile(string source) => Compiled.GetOrAdd(source, s => new Lazy<Assembly>(() => CompileOnce(s))).Value;

    private static Assembly CompileOnce(string source)
    {
        var output = GeneratorHarness.Run(source).AssertCompilesCleanly();
        using var stream = new MemoryStream();
        var emit = output.OutputCompilation.Emit(stream);
        Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics));
        stream.Position = 0;
        return new AssemblyLoadContext("compiled-dag-" + Guid.NewGuid(), isCollectible: true).LoadFromStream(stream);
    }

    /// <summary>The generated <c>Definition</c> of <paramref name="typeName"/>.</summary>
    public static DagDefinition Load(string source, string typeName) =>
        (DagDefinition)Static(Compile(source), typeName, "Definition");

    public static object Static(Assembly assembly, string typeName, string property) =>
        assembly.GetType(typeName, throwOnError: true)!.GetProperty(property, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
}
