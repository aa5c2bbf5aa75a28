using System.Globalization;

namespace CodeFirst.Tasks.Spark;

/// <summary>
/// Turns <see cref="SparkSubmitOptions"/> into argv. The list goes to the process as is, never
/// through a shell, so a value with spaces or <c>;</c> stays one argument.
/// </summary>
internal static class SparkSubmitArguments
{
    private static readonly string[] SecretMarkers = ["secret", "password", "token", "credential"];

    public static List<string> Build(SparkSubmitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Application);

        var args = new List<string>();
        AddValue(args, "--master", options.Master);
        AddValue(args, "--deploy-mode", options.DeployMode switch
        {
            null => null,
            SparkDeployMode.Client => "client",
            SparkDeployMode.Cluster => "cluster",
            var other => throw new ArgumentOutOfRangeException(nameof(options), other, "Unknown deploy mode."),
        });
        AddValue(args, "--name", options.Name);
        AddValue(args, "--class", options.ClassName);
        foreach (var (key, value) in options.Conf.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (string.IsNullOrWhiteSpace(key) || key.Contains('=', StringComparison.Ordinal))
                throw new ArgumentException($"Spark conf key '{key}' must be non-empty and contain no '='.", nameof(options));
            args.Add("--conf");
            args.Add($"{key}={value}");
        }
        AddList(args, "--packages", options.Packages);
        AddList(args, "--jars", options.Jars);
        AddList(args, "--py-files", options.PyFiles);
        AddList(args, "--files", options.Files);
        AddValue(args, "--driver-memory", options.DriverMemory);
        AddValue(args, "--executor-memory", options.ExecutorMemory);
        AddValue(args, "--executor-cores", options.ExecutorCores?.ToString(CultureInfo.InvariantCulture));
        AddValue(args, "--num-executors", options.NumExecutors?.ToString(CultureInfo.InvariantCulture));
        if (options.Verbose) args.Add("--verbose");
        args.Add(options.Application);
        args.AddRange(options.ApplicationArguments);
        return args;
    }

    /// <summary>The command for the log: quoted where needed, secret-looking conf values masked.</summary>
    public static string Display(string executable, IReadOnlyList<string> arguments)
    {
        var parts = new List<string>(arguments.Count + 1) { Quote(executable) };
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (i > 0 && arguments[i - 1] == "--conf" && LooksSecret(argument))
                argument = argument[..(argument.IndexOf('=', StringComparison.Ordinal) + 1)] + "***";
            parts.Add(Quote(argument));
        }
        return string.Join(' ', parts);
    }

    private static bool LooksSecret(string keyValue)
    {
        var key = keyValue.Split('=', 2)[0];
        return SecretMarkers.Any(marker => key.Contains(marker, StringComparison.OrdinalIgnoreCase));
    }

    private static string Quote(string value) =>
        value.Length > 0 && !value.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '\\' or '$' or '`' or ';' or '&' or '|')
            ? value
            : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static void AddValue(List<string> args, string flag, string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        args.Add(flag);
        args.Add(value);
    }

    private static void AddList(List<string> args, string flag, IReadOnlyList<string> values)
    {
        if (values.Count == 0) return;
        args.Add(flag);
        args.Add(string.Join(',', values));
    }
}
