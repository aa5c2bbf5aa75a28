using Microsoft.CodeAnalysis;

namespace CodeFirst.Generators.Diagnostics;

/// <summary>Every diagnostic the DAG generator reports. IDs are fixed: never renumber one.</summary>
internal static partial class DiagnosticDescriptors
{
    private const string Category = "CodeFirst";
    private const string HelpBase = "docs/diagnostics.md#";

    public static readonly DiagnosticDescriptor NotPartial = new(
        id: "CF0001",
        title: "DAG class must be partial",
        messageFormat: "'{0}' must be declared partial so the generator can add the DAG's Definition to it. Add the 'partial' modifier.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "cf0001");

    public static readonly DiagnosticDescriptor UnknownUpstream = new(
        id: "CF0002",
        title: "Unknown upstream task",
        messageFormat: "Task '{0}' refers to '{1}', which is not a task of this DAG. Known task ids: {2}. Use a task id or a method name, preferably nameof(Method).",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "cf0002");

    public static readonly DiagnosticDescriptor Cycle = new(
        id: "CF0003",
        title: "Tasks form a cycle",
        messageFormat: "Tasks form a cycle: {0}. Remove an After entry or an XCom parameter on one of these tasks so every task can run after its upstreams.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "cf0003");

    public static readonly DiagnosticDescriptor XComTypeMismatch = new(
        id: "CF0004",
        title: "Parameter type does not match the upstream's return type",
        messageFormat: "Parameter '{0}' of type '{1}' cannot receive the return value of task '{2}', which is of type '{3}'. Change the parameter to a type assignable from '{3}', or bind it to another task.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "cf0004");

    public static readonly DiagnosticDescriptor UpstreamReturnsNothing = new(
        id: "CF0005",
        title: "Parameter consumes an upstream that returns nothing",
        messageFormat: "Parameter '{0}' consumes the return value of task '{1}', which returns nothing ({2}). Return a value from '{1}', use [Task(After = [...])] for an ordering-only edge, or rename the parameter if it is meant to come from DI.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "cf0005");

    public static readonly DiagnosticDescriptor DuplicateTaskId = new(
        id: "CF0006",
        title: "Duplicate task id",
        messageFormat: "Task id '{0}' of method '{1}' is already used by method '{2}'. Rename the method or give it a unique [Task(Id = \"...\")].",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "cf0006");

    public static readonly DiagnosticDescriptor InvalidSchedule = new(
        id: "CF0007",
        title: "Invalid schedule",
        messageFormat: "Schedule '{0}' is invalid: {1}. Use a preset (@once, @hourly, @daily, @weekly, @monthly, @quarterly, @yearly, @continuous), a positive TimeSpan such as \"01:00:00\", or a 5-field cron expression 'minute hour day-of-month month day-of-week' such as \"30 6 * * MON-FRI\".",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "cf0007");

    public static readonly DiagnosticDescriptor InvalidDate = new(
        id: "CF0008",
        title: "Invalid start or end date",
        messageFormat: "{0} '{1}' is invalid. {2}.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "cf0008");

    public static readonly DiagnosticDescriptor InvalidDuration = new(
        id: "CF0009",
        title: "Invalid duration",
        messageFormat: "{0} '{1}' is invalid. {2}.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "cf0009");

    public static readonly DiagnosticDescriptor InvalidId = new(
        id: "CF0010",
        title: "Invalid DAG or task id",
        messageFormat: "{0} '{1}' is invalid. An id must be non-empty and contain only the letters A-Z and a-z, digits, '_', '.' and '-'.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "cf0010");

    public static readonly DiagnosticDescriptor UnsupportedTaskMethod = new(
        id: "CF0011",
        title: "Unsupported task method",
        messageFormat: "Task method '{0}' is not supported. {1}.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "cf0011");

    public static readonly DiagnosticDescriptor InvalidNumber = new(
        id: "CF0012",
        title: "Invalid numeric setting",
        messageFormat: "{0} is {1}, but it must be {2}. Change the value in the attribute.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "cf0012");

    public static readonly DiagnosticDescriptor DuplicateDagId = new(
        id: "CF0013",
        title: "Duplicate DAG id",
        messageFormat: "DAG id '{0}' of '{1}' is already used by '{2}'. DAG ids must be unique; change one of them.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "cf0013");

    public static readonly DiagnosticDescriptor UnsupportedDagClass = new(
        id: "CF0014",
        title: "Unsupported DAG class",
        messageFormat: "DAG class '{0}' is not supported. {1}.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "cf0014");

    public static readonly DiagnosticDescriptor TaskOutsideDag = new(
        id: "CF0015",
        title: "Task method outside a DAG class",
        messageFormat: "Method '{0}' is marked [Task], but '{1}' has no [Dag] attribute, so the task would never run. Add [Dag(\"...\")] to the class or remove [Task].",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "cf0015");

    public static readonly DiagnosticDescriptor InvalidBranchReturn = new(
        id: "CF0016",
        title: "Branch task with the wrong return type",
        messageFormat: "Task '{0}' is marked [Branch], but it returns {1}. A branch returns the id (string) or ids (IEnumerable<string>) of the direct downstream tasks to follow, possibly wrapped in Task or ValueTask.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "cf0016");

    public static readonly DiagnosticDescriptor InvalidShortCircuitReturn = new(
        id: "CF0017",
        title: "Short-circuit task with the wrong return type",
        messageFormat: "Task '{0}' is marked [ShortCircuit], but it returns {1}. A short circuit returns bool (possibly wrapped in Task or ValueTask): false skips everything downstream.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "cf0017");

    public static readonly DiagnosticDescriptor UnknownCallback = new(
        id: "CF0018",
        title: "Unknown callback method",
        messageFormat: "{0} names '{1}', but '{2}' has no method of that name. Name a method of the DAG class, preferably with nameof(...).",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "cf0018");

    public static readonly DiagnosticDescriptor InvalidCallbackSignature = new(
        id: "CF0019",
        title: "Callback method with an unsupported signature",
        messageFormat: "Callback method '{0}' (used by {1}) is not supported: {2}. Use 'void', 'Task' or 'ValueTask' {0}({3} context) with an optional CancellationToken after it.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "cf0019");

    public static readonly DiagnosticDescriptor ConflictingTaskSettings = new(
        id: "CF0020",
        title: "Conflicting task settings",
        messageFormat: "Task '{0}' cannot be both {1} and {2}. Keep one.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "cf0020");

    public static readonly DiagnosticDescriptor InvalidTaskName = new(
        id: "CF0021",
        title: "Invalid pool or queue name",
        messageFormat: "{0} '{1}' is not valid: it must be 1 to 256 characters and not blank. Change the value in the attribute.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "cf0021");

    public static readonly DiagnosticDescriptor InvalidSensorReturn = new(
        id: "CF0040",
        title: "Sensor with the wrong return type",
        messageFormat: "Sensor '{0}' returns {1}. A sensor returns bool, SensorResult or SensorResult<T> (or a Task/ValueTask of one): true or a done result ends the wait.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "cf0040");

    public static readonly DiagnosticDescriptor InvalidSensorDuration = new(
        id: "CF0041",
        title: "Sensor duration is zero",
        messageFormat: "Sensor setting {0} '{1}' is zero. Use a positive duration, or leave it unset for the default.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "cf0041");
    public static readonly DiagnosticDescriptor ContinuousNeedsOneActiveRun = new(
        id: "CF0030",
        title: "A continuous DAG must allow one active run",
        messageFormat: "DAG '{0}' has Schedule = \"@continuous\" and MaxActiveRuns = {1}. A continuous DAG starts its next run as soon as the previous one ends, so it needs MaxActiveRuns = 1; set it.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "cf0030");

    public static readonly DiagnosticDescriptor InvalidAssetSchedule = new(
        id: "CF0031",
        title: "Invalid asset schedule",
        messageFormat: "Asset schedule '{0}' is invalid: {1}. Write 'asset:URI' terms joined by '&' (all updated) or '|' (any updated), with parentheses, e.g. \"asset:s3://lake/orders & (asset:a | asset:b)\".",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "cf0031");

    public static readonly DiagnosticDescriptor UnsupportedParams = new(
        id: "CF0032",
        title: "Unsupported params type",
        messageFormat: "Params type '{0}' is not supported. {1}.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "cf0032");

    public static readonly DiagnosticDescriptor InvalidOutlet = new(
        id: "CF0033",
        title: "Invalid outlet asset URI",
        messageFormat: "Task '{0}' has outlet '{1}', which is not a usable asset URI. A URI must be non-empty and contain no whitespace, '&', '|', '(' or ')'.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "cf0033");
}
