using Microsoft.CodeAnalysis;

namespace CodeFirst.Generators.Model;

/// <summary>A diagnostic the parser found, kept as values until the diagnostics output reports it.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> MessageArgs)
{
    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Descriptor, Location?.ToLocation(), MessageArgs.ToArray<object>());
}
