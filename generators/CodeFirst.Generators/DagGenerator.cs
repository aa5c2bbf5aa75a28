using Microsoft.CodeAnalysis;

namespace CodeFirst.Generators;

[Generator(LanguageNames.CSharp)]
public sealed partial class DagGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
    }
}
