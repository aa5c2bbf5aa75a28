using Microsoft.Extensions.Hosting;

namespace CodeFirst.Server.ControlPlane;

/// <summary>
/// Leaves Ctrl+C and SIGTERM to the command line: the default console lifetime would swallow the
/// signal to stop only the web host, and the command would never see its cancellation.
/// </summary>
internal sealed class CommandLineLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
