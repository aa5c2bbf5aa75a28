namespace CodeFirst.Tasks.Tests;

/// <summary>A fact that drives bash scripts, so it only runs where bash is.</summary>
internal sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows()) Skip = "Uses /bin/bash.";
    }
}
