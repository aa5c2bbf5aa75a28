namespace CodeFirst.Server.ControlPlane.Auth;

/// <summary>Role names as stored and typed on the command line.</summary>
internal static class ApiRoles
{
    public static string Name(this ApiRole role) => role.ToString().ToLowerInvariant();

    public static bool TryParse(string? name, out ApiRole role)
    {
        switch (name)
        {
            case "viewer": role = ApiRole.Viewer; return true;
            case "operator": role = ApiRole.Operator; return true;
            case "admin": role = ApiRole.Admin; return true;
            default: role = default; return false;
        }
    }
}
