using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CodeFirst.Generators.Diagnostics;
using CodeFirst.Server.Tests.Support;
using Microsoft.CodeAnalysis;

namespace CodeFirst.Generators.Tests;

/// <summary>Every diagnostic's help link opens its own documentation page, and the index lists them all.</summary>
public sealed class DiagnosticHelpLinkTests
{
    public static TheoryData<string> Ids() => [.. Descriptors().Select(d => d.Id)];

    private static IEnumerable<DiagnosticDescriptor> Descriptors() =>
        typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!);

    private static DiagnosticDescriptor Descriptor(string id) => Descriptors().Single(d => d.Id == id);

    private static string RepositoryUrl() =>
        XDocument.Load(Path.Combine(RepoPaths.Root, "Directory.Build.props")).Descendants("RepositoryUrl").Single().Value;

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_HelpLink_IsItsPageUnderTheRepositoryUrl(string id)
    {
        Assert.Equal($"{RepositoryUrl()}/blob/main/docs/diagnostics/{id}.md", Descriptor(id).HelpLinkUri);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Page_ExistsWithTitleTriggerWrongAndFixedExamplesAndFix(string id)
    {
        var path = Path.Combine(RepoPaths.Root, "docs", "diagnostics", id + ".md");
        Assert.True(File.Exists(path), $"{id} has no page at {path}.");
        var page = File.ReadAllText(path);

        Assert.StartsWith($"# {id}: {Descriptor(id).Title}\n", page, StringComparison.Ordinal);
        foreach (var section in new[] { "## What triggers it", "## Wrong\n\n```csharp\n", "## Fixed\n\n```csharp\n", "## How to fix" })
            Assert.Contains(section, page, StringComparison.Ordinal);
    }

    [Fact]
    public void Index_LinksEveryPageAndNoPageIsOrphaned()
    {
        var index = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "diagnostics.md"));
        var linked = Regex.Matches(index, @"\]\(diagnostics/(CF\d{4})\.md\)").Select(m => m.Groups[1].Value).ToHashSet();
        var pages = Directory.GetFiles(Path.Combine(RepoPaths.Root, "docs", "diagnostics"), "CF*.md").Select(Path.GetFileNameWithoutExtension).ToHashSet();
        var ids = Descriptors().Select(d => d.Id).ToHashSet();

        Assert.Equal(ids.Order(), linked.Order());
        Assert.Equal(ids.Order(), pages.Order());
    }
}
