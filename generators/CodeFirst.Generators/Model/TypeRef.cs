namespace CodeFirst.Generators.Model;

/// <summary>
/// A type by its <c>global::</c>-qualified name. <see cref="Name"/> drops a top-level <c>?</c> (for
/// <c>GetInput&lt;T&gt;</c>, <c>GetRequiredService&lt;T&gt;</c> and metadata); <see cref="AnnotatedName"/>
/// keeps it, so serializing a value declared nullable raises no nullable warning.
/// </summary>
internal sealed record TypeRef(string Name, string AnnotatedName);
