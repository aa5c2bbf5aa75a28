using CodeFirst;
using CodeFirst.Tool;

// No DAG code lives in the tool, so what needs the DAGs' code (roles, 'dags test') is refused
// with a pointer to the DAG application instead of running with an empty DAG set.
if (ServerOnlyCommands.Refusal(args) is { } refusal)
{
    await Console.Error.WriteLineAsync(refusal);
    return 2;
}
return await CodeFirstApp.RunAsync(args);
