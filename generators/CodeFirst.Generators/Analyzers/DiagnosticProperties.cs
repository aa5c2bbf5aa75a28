namespace CodeFirst.Generators.Analyzers;

/// <summary>Names of the properties CF0090 carries to its code fixes (the file is shared with CodeFirst.CodeFixes).</summary>
internal static class DiagnosticProperties
{
    /// <summary>The upstream task's method name.</summary>
    public const string UpstreamMethod = "UpstreamMethod";

    /// <summary>The parameter name that would bind by name; absent when renaming is not suggested.</summary>
    public const string SuggestedName = "SuggestedName";
}
