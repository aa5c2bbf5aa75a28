using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CodeFirst.Generators.Model;

/// <summary>A <see cref="Location"/> reduced to values, because a <see cref="Location"/> keeps its syntax tree alive and never compares equal across runs.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan TextSpan, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, TextSpan, LineSpan);

    public static LocationInfo? From(Location? location)
    {
        if (location is null || location.SourceTree is null) return null;
        return new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }

    public static LocationInfo? From(SyntaxNode? node) => From(node?.GetLocation());

    public static LocationInfo? From(SyntaxToken token) => From(token.GetLocation());
}
