namespace CodeFirst.Generators.Model;

/// <summary>One property of a task's result pushed as its own XCom key.</summary>
internal sealed record OutputKeySpec(string Name, TypeRef Type);
