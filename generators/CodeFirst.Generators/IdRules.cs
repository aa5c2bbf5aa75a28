namespace CodeFirst.Generators;

/// <summary>Airflow's rule for DAG and task ids: <c>^[A-Za-z0-9_.-]+$</c>.</summary>
internal static class IdRules
{
    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id)) return false;
        foreach (var c in id!)
        {
            var ok = c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '.' or '-';
            if (!ok) return false;
        }
        return true;
    }
}
