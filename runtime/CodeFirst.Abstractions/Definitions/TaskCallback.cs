namespace CodeFirst.Definitions;

/// <summary>A task or DAG callback as the generator emits it (<c>OnSuccess</c>, <c>OnFailure</c>, <c>OnRetry</c>).</summary>
public delegate ValueTask TaskCallback(CallbackContext context, IServiceProvider services, CancellationToken cancellationToken);
