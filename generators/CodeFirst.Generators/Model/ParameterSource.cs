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

    /// <summary>A <c>[Map]</c> parameter: one element of the upstream's list, the one at the instance's map index.</summary>
    MappedXCom,
}
