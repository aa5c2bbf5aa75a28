using System.Globalization;
using Microsoft.CodeAnalysis;

namespace CodeFirst.Generators.Tests.TestHelpers;

internal static class DiagnosticAssert
{
    /// <summary>
    /// Asserts the run reported exactly one <paramref name="id"/>, as an error, exactly at the marked
    /// span of file <paramref name="file"/>, with a message containing every part.
    /// </summary>
    public static Diagnostic Single(GeneratorOutput output, string id, MarkedSource source, string[] messageParts, int file = 0)
    {
        var matching = output.Diagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matching.Count == 1, $"Expected one {id}, got: {string.Join(" | ", output.Diagnostics)}");
        var diagnostic = matching[0];
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        var lineSpan = diagnostic.Location.GetLineSpan();
        Assert.Equal($"Source{file}.cs", lineSpan.Path);
        Assert.Equal(source.Start, lineSpan.StartLinePosition);
        Assert.Equal(source.Span, diagnostic.Location.SourceSpan);
        var message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        foreach (var part in messageParts) Assert.Contains(part, message, StringComparison.Ordinal);
        Assert.EndsWith($"/blob/main/docs/diagnostics/{id}.md", diagnostic.Descriptor.HelpLinkUri, StringComparison.Ordinal);
        return diagnostic;
    }
}
