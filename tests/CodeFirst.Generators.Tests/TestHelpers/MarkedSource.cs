using Microsoft.CodeAnalysis.Text;

namespace CodeFirst.Generators.Tests.TestHelpers;

/// <summary>
/// Source with at most one span marked as <c>[|...|]</c>, the convention of Roslyn's own tests: the markers
/// are removed and the span is where a diagnostic is expected.
/// </summary>
internal sealed record MarkedSource(string Source, TextSpan Span)
{
    public static MarkedSource Parse(string marked)
    {
        var start = marked.IndexOf("[|", StringComparison.Ordinal);
        var end = marked.IndexOf("|]", StringComparison.Ordinal);
        if (start < 0 && end < 0) return new MarkedSource(marked, default);
        if (start < 0 || end < start) throw new ArgumentException("The [|...|] marker is malformed.", nameof(marked));
        var source = marked.Remove(end, 2).Remove(start, 2);
        return new MarkedSource(source, new TextSpan(start, end - start - 2));
    }

    public LinePosition Start => SourceText.From(Source).Lines.GetLinePosition(Span.Start);
}
