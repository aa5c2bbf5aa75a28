namespace CodeFirst.Generators.Model;

/// <summary>A callback method of the DAG class, checked: how the emitter calls it.</summary>
internal sealed record CallbackSpec(string MethodIdentifier, bool IsStatic, bool IsAsync, bool TakesCallbackContext, bool TakesCancellationToken);
