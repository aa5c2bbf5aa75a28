namespace CodeFirst.Generators.Model;

/// <summary>Where the generated invoker takes a parameter's argument from.</summary>
internal enum ParameterSource
{
    Context,
    CancellationToken,
    Logger,
    TypedLogger,
    Service,
    XCom,
}
