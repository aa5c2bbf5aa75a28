namespace CodeFirst.Generators.Tests.Execution;

internal sealed class FakeServices(params object[] services) : IServiceProvider
{
    public object? GetService(Type serviceType) => services.FirstOrDefault(serviceType.IsInstanceOfType);
}
