namespace CodeFirst.Generators.Tests.Execution;

/// <summary>A service the executed DAG takes through its constructor; public so generated code can reference it.</summary>
public interface IGreeter
{
    string Greet(string name);
}
