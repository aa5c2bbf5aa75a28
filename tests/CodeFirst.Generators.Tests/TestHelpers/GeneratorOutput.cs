using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;

namespace CodeFirst.Generators.Tests.TestHelpers;

/// <summary>One generator run: what it generated, what it reported, and the compilation with its output added.</summary>
internal sealed record GeneratorOutput(GeneratorDriverRunResult RunResult, Compilation OutputCompilation, ImmutableArray<Diagnostic> Diagnostics)
{
    public IReadOnlyDictionary<string, string> Sources => RunResult.Results.Single().GeneratedSources
        .ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);

    public string Source(string hintName) =>
        Sources.TryGetValue(hintName, out var text)
            ? text
            : throw new Xunit.Sdk.XunitException($"No generated file '{hintName}'; generated: {string.Join(", ", Sources.Keys)}");

    /// <summary>Fails unless the generator reported nothing and the output compiles without errors or warnings.</summary>
    public GeneratorOutput AssertCompilesCleanly()
    {
        Assert.Empty(RunResult.Results.Single().Exception is { } e ? [e.ToString()] : Array.Empty<string>());
        Assert.Empty(Diagnostics.Select(Format));
        var problems = OutputCompilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Empty(problems.Select(Format));
        return this;
    }

    private static string Format(Diagnostic diagnostic) => diagnostic.ToString();

    public string Message(Diagnostic diagnostic) => diagnostic.GetMessage(CultureInfo.InvariantCulture);
}
