namespace CodeFirst;

/// <summary>How a task instance's effective priority weight is computed (Airflow's <c>weight_rule</c>).</summary>
public enum WeightRule
{
    /// <summary>Its own weight plus the weights of every task downstream of it (the default): upstream work goes first.</summary>
    Downstream,
    /// <summary>Its own weight plus the weights of every task upstream of it: runs already under way finish first.</summary>
    Upstream,
    /// <summary>Its own weight only.</summary>
    Absolute,
}
