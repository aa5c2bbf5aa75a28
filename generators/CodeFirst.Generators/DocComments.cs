using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CodeFirst.Generators;

/// <summary>
/// Reads the <c>&lt;summary&gt;</c> of a declaration's <c>///</c> comment from its trivia, so it works
/// whether or not the project parses documentation comments (GenerateDocumentationFile).
/// </summary>
internal static class DocComments
{
    public static string? Summary(SyntaxNode? declaration)
    {
        if (declaration is null) return null;
        var lines = new List<string>();
        foreach (var trivia in declaration.GetLeadingTrivia())
        {
            if (!trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia) && !trivia.IsKind(SyntaxKind.SingleLineCommentTrivia)) continue;
            foreach (var raw in trivia.ToFullString().Split('\n'))
            {
                var line = raw.Trim();
                if (line.StartsWith("///", StringComparison.Ordinal)) lines.Add(line.Substring(3));
            }
        }
        return lines.Count == 0 ? null : SummaryOf(string.Join("\n", lines));
    }

    private static string? SummaryOf(string xml)
    {
        XElement root;
        try
        {
            root = XElement.Parse("<doc>" + xml + "</doc>", LoadOptions.None);
        }
        catch (XmlException)
        {
            return null; // The compiler warns about malformed XML when it parses doc comments; a DAG still builds.
        }
        var summary = root.Element("summary");
        if (summary is null) return null;
        var text = new StringBuilder();
        AppendText(summary, text);
        var collapsed = string.Join(" ", text.ToString().Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
        return collapsed.Length == 0 ? null : collapsed;
    }

    private static void AppendText(XElement element, StringBuilder text)
    {
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XText content:
                    text.Append(content.Value);
                    break;
                case XElement { Name.LocalName: "see" or "seealso" } reference:
                    text.Append(ReferenceText(reference));
                    break;
                case XElement { Name.LocalName: "paramref" or "typeparamref" } reference:
                    text.Append((string?)reference.Attribute("name"));
                    break;
                case XElement { Name.LocalName: "para" or "br" } block:
                    text.Append(' ');
                    AppendText(block, text);
                    text.Append(' ');
                    break;
                case XElement inner:
                    AppendText(inner, text);
                    break;
            }
        }
    }

    private static string ReferenceText(XElement reference)
    {
        if (!reference.IsEmpty) return reference.Value;
        var target = (string?)reference.Attribute("cref") ?? (string?)reference.Attribute("langword") ?? (string?)reference.Attribute("href") ?? "";
        var colon = target.IndexOf(':');
        if (colon == 1) target = target.Substring(2);
        var dot = target.LastIndexOf('.');
        return dot >= 0 && (string?)reference.Attribute("href") is null ? target.Substring(dot + 1) : target;
    }
}
