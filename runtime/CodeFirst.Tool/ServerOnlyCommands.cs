namespace CodeFirst.Tool;

/// <summary>The commands that run DAG code and so only work from the DAG application itself.</summary>
internal static class ServerOnlyCommands
{
    private static readonly HashSet<string> Roles = new(StringComparer.Ordinal) { "standalone", "scheduler", "worker", "triggerer", "api" };

    public static string? Refusal(IReadOnlyList<string> args)
    {
        var words = args.Where(a => !a.StartsWith('-')).Take(2).ToArray();
        if (words.Length == 0) return null;
        if (Roles.Contains(words[0]))
            return $"codefirst: '{words[0]}' runs DAG code, which this tool does not have. Run it from your DAG application: dotnet run -- {words[0]} (or ./MyDags {words[0]}).";
        if (words is ["dags", "test", ..])
            return "codefirst: 'dags test' runs DAG code, which this tool does not have. Run it from your DAG application: dotnet run -- dags test <dag_id>.";
        if (words is ["tasks", "test", ..])
            return "codefirst: 'tasks test' runs DAG code, which this tool does not have. Run it from your DAG application: dotnet run -- tasks test <dag_id> <task_id>.";
        return null;
    }
}
