using Microsoft.CodeAnalysis;

namespace CodeFirst.Generators.Diagnostics;

/// <summary>Task groups, multiple outputs and DAG families (CF0050–CF0059).</summary>
internal static partial class DiagnosticDescriptors
{
    public static readonly DiagnosticDescriptor UnknownTaskGroup = new(
        id: "CF0050",
        title: "Unknown task group",
        messageFormat: "[TaskGroup(\"{0}\")] names a group no task of this DAG belongs to. Known groups: {1}. Put tasks in it with [Task(Group = \"{0}\")] or fix the name.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "CF0050.md");

    public static readonly DiagnosticDescriptor GroupIdConflict = new(
        id: "CF0051",
        title: "Task group id used by a task",
        messageFormat: "'{0}' is both a task group and a task id, so a reference to it is ambiguous. Rename the group or the task.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "CF0051.md");

    public static readonly DiagnosticDescriptor GroupSelfDependency = new(
        id: "CF0052",
        title: "Dependency on an enclosing or enclosed group",
        messageFormat: "'{0}' cannot run after '{1}': {2}. Depend on a task or group outside it.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "CF0052.md");

    public static readonly DiagnosticDescriptor DuplicateTaskGroup = new(
        id: "CF0053",
        title: "Task group declared twice",
        messageFormat: "[TaskGroup(\"{0}\")] appears more than once on the class. Merge the attributes into one.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "CF0053.md");

    public static readonly DiagnosticDescriptor UnknownXComKey = new(
        id: "CF0054",
        title: "Unknown XCom key",
        messageFormat: "Parameter '{0}' binds key '{1}' of task '{2}', but its return type '{3}' has no public property '{1}'. Its properties: {4}. Use nameof({3}.Property).",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "CF0054.md");

    public static readonly DiagnosticDescriptor XComKeyTypeMismatch = new(
        id: "CF0055",
        title: "Parameter type does not match the XCom key's type",
        messageFormat: "Parameter '{0}' has type '{1}', but key '{2}' of task '{3}' is a '{4}'. Change the parameter's type to '{4}'.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "CF0055.md");

    public static readonly DiagnosticDescriptor MultipleOutputsUnsupported = new(
        id: "CF0056",
        title: "Task result cannot be split into XCom keys",
        messageFormat: "Task '{0}' cannot push multiple outputs: {1}. Return a class, record or struct with public properties.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "CF0056.md");

    public static readonly DiagnosticDescriptor DuplicateFamilyEntry = new(
        id: "CF0057",
        title: "Duplicate DAG family entry",
        messageFormat: "DAG family '{0}' declares the DAG id '{1}' twice. Give each [DagInstance] its own id.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "CF0057.md");

    public static readonly DiagnosticDescriptor InvalidFamilyParams = new(
        id: "CF0058",
        title: "Invalid DAG family params",
        messageFormat: "[DagInstance(\"{0}\")] has params that cannot be used: {1}. Fix the JSON object in Params.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "CF0058.md");

    public static readonly DiagnosticDescriptor AuthoringAttributeOutsideDag = new(
        id: "CF0059",
        title: "DAG class attribute on a class without [Dag]",
        messageFormat: "'{0}' has [{1}], but no [Dag] attribute, so it is ignored. Add [Dag(\"...\")] to the class or remove [{1}].",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "CF0059.md");
}
