namespace MyDags.Dags;

/// <summary>What <see cref="ExampleEtl.Transform"/> hands downstream; stored as JSON (XCom).</summary>
public sealed record Summary(int Count, int Total, int Max);
