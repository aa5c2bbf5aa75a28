using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Server.Hosting;

/// <summary>The DI container the DAGs' constructors and tasks are served from.</summary>
internal static class RuntimeServices
{
    public static ServiceProvider Build(Action<IServiceCollection>? configure, LogLevel minimumLevel)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging
            .SetMinimumLevel(minimumLevel)
            .AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss.fff ";
            }));
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }
}
