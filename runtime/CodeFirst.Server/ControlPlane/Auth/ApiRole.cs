namespace CodeFirst.Server.ControlPlane.Auth;

/// <summary>What a token may do; each role includes the ones before it.</summary>
internal enum ApiRole
{
    /// <summary>Read DAGs, runs, task instances, logs and XComs.</summary>
    Viewer,
    /// <summary>Also trigger, clear, mark, pause and unpause.</summary>
    Operator,
    /// <summary>Also pools and other administration.</summary>
    Admin,
}
