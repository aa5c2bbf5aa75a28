namespace CodeFirst.Packaging.Tests.Support;

/// <summary>One pack per run; the tests run one after another (each builds with the SDK, and the machine is small).</summary>
[CollectionDefinition(Name)]
public sealed class PackagingCollection : ICollectionFixture<LocalFeed>
{
    public const string Name = "Packaging";
}
