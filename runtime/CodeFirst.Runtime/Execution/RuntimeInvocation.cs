using CodeFirst.Definitions;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Runtime.Execution;

internal sealed class RuntimeInvocation(
    TaskContext context,
    IServiceProvider services,
    ILogger logger,
    IReadOnlyDictionary<string, string> inputs,
    CancellationToken cancellationToken) : TaskInvocation
{
    public override TaskContext Context => context;
    public override IServiceProvider Services => services;
    public override ILogger Logger => logger;
    public override CancellationToken CancellationToken => cancellationToken;

    protected override string? GetInputJson(string upstreamTaskId) => inputs.GetValueOrDefault(upstreamTaskId);
}
