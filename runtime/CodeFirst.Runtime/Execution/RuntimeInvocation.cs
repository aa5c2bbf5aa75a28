using CodeFirst.Definitions;
using Microsoft.Extensions.Logging;

namespace CodeFirst.Runtime.Execution;

internal sealed class RuntimeInvocation(
    TaskContext context,
    IServiceProvider services,
    ILogger logger,
    IReadOnlyDictionary<string, string> inputs,
    CancellationToken cancellationToken,
    IReadOnlyDictionary<XComKeyInput, string>? keyedInputs = null) : TaskInvocation
{
    public override TaskContext Context => context;
    public override IServiceProvider Services => services;
    public override ILogger Logger => logger;
    public override CancellationToken CancellationToken => cancellationToken;

    protected override string? GetInputJson(string upstreamTaskId) => inputs.GetValueOrDefault(upstreamTaskId);

    /// <summary>The stored key; without one (an invocation that loaded none) the property of the return value.</summary>
    protected override string? GetInputJson(string upstreamTaskId, string key) =>
        keyedInputs is null ? base.GetInputJson(upstreamTaskId, key) : keyedInputs.GetValueOrDefault(new XComKeyInput(upstreamTaskId, key));
}
