using Microsoft.CodeAnalysis;

namespace CodeFirst.Generators.Diagnostics;

/// <summary>Dynamic task mapping (<c>[Map]</c>): CF0060 upward.</summary>
internal static partial class DiagnosticDescriptors
{
    public static readonly DiagnosticDescriptor MapWithoutUpstream = new(
        id: "CF0060",
        title: "Mapped parameter is not bound to an upstream task",
        messageFormat: "Parameter '{0}' of task '{1}' is marked [Map], but it is not bound to an upstream task. Name it after the task whose list it maps over, or add [FromTask(nameof(...))].",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "CF0060.md");

    public static readonly DiagnosticDescriptor MapOverNonList = new(
        id: "CF0061",
        title: "Mapping over an upstream that does not return a list",
        messageFormat: "Parameter '{0}' maps over '{1}', which returns {2}: not a list. Map over a task that returns an array, List<T>, IReadOnlyList<T> or IEnumerable<T> (not a string or a dictionary).",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "CF0061.md");

    public static readonly DiagnosticDescriptor MapElementMismatch = new(
        id: "CF0062",
        title: "Mapped parameter type does not match the list's elements",
        messageFormat: "Parameter '{0}' has type {1}, but it maps over '{2}', whose elements are {3}. Declare the parameter as {3}.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "CF0062.md");

    public static readonly DiagnosticDescriptor CollectIntoNonList = new(
        id: "CF0063",
        title: "A mapped task's results collected into a parameter that is not a list",
        messageFormat: "Parameter '{0}' has type {1}, but '{2}' is mapped: it produces one {3} per map index. Declare the parameter as IReadOnlyList<{3}>, List<{3}>, {3}[] or IEnumerable<{3}>.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "CF0063.md");

    public static readonly DiagnosticDescriptor MoreThanOneMap = new(
        id: "CF0064",
        title: "More than one mapped parameter",
        messageFormat: "Task '{0}' marks both '{1}' and '{2}' with [Map]. A task maps over one list; pass the others as constant parameters or combine the lists upstream.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "CF0064.md");

    public static readonly DiagnosticDescriptor UnmappableTaskKind = new(
        id: "CF0065",
        title: "This kind of task cannot be mapped",
        messageFormat: "Task '{0}' is a {1} and cannot be mapped. Map an ordinary [Task] and put the {1} before or after it.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "CF0065.md");

    public static readonly DiagnosticDescriptor MaxMapLengthWithoutMap = new(
        id: "CF0066",
        title: "MaxMapLength on a task that is not mapped",
        messageFormat: "Task '{0}' sets MaxMapLength, but none of its parameters is marked [Map]. Remove MaxMapLength or mark the parameter to map over.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "CF0066.md");
}
