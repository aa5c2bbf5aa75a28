namespace CodeFirst.Generators.Model;

/// <summary>Where the generated invoker takes a parameter's argument from.</summary>
internal enum ParameterSource
{
    Context,
    CancellationToken,
    Logger,
    TypedLogger,
    Service,

    /// <summary>A nullable or defaulted reference-type parameter: resolved from DI when registered, else null.</summary>
    OptionalService,
    XCom,
}
