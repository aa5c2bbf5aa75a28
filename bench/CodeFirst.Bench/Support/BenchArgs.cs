using System.Globalization;

namespace CodeFirst.Bench.Support;

/// <summary><c>&lt;scenario&gt; [--name value | --flag]…</c>; unknown options are an error so typos do not go unnoticed.</summary>
internal sealed class BenchArgs
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private BenchArgs(string scenario) => Scenario = scenario;

    public string Scenario { get; }

    public static BenchArgs Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
            throw new BenchException("usage: CodeFirst.Bench <chain|wide|startup|scheduler|deferred|event> [--db sqlite:<path>|<postgres connection>] [options]");
        var parsed = new BenchArgs(args[0]);
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new BenchException($"Unexpected argument '{args[i]}'.");
            var name = args[i][2..];
            var value = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
            parsed._options[name] = value;
        }
        return parsed;
    }

    public string? String(string name)
    {
        _read.Add(name);
        return _options.GetValueOrDefault(name);
    }

    public bool Flag(string name)
    {
        _read.Add(name);
        return _options.ContainsKey(name);
    }

    public int Int(string name, int fallback) => Int(name, fallback, minimum: 1);

    /// <summary>An integer option of at least <paramref name="minimum"/> (0 where "none" makes sense, e.g. --warmup-runs).</summary>
    public int Int(string name, int fallback, int minimum)
    {
        var text = String(name);
        if (text is null) return fallback;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum
            ? value
            : throw new BenchException(minimum == 1
                ? $"--{name} must be a positive integer, not '{text}'."
                : $"--{name} must be an integer of at least {minimum}, not '{text}'.");
    }

    public IReadOnlyList<int> Ints(string name, IReadOnlyList<int> fallback)
    {
        var text = String(name);
        if (text is null) return fallback;
        return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0
                ? v
                : throw new BenchException($"--{name} must be positive integers separated by commas, not '{text}'."))
            .ToArray();
    }

    /// <summary>Fails on options the scenario did not read.</summary>
    public void EnsureAllRead()
    {
        var unknown = _options.Keys.Where(k => !_read.Contains(k)).ToArray();
        if (unknown.Length > 0) throw new BenchException($"Unknown option(s) for '{Scenario}': {string.Join(", ", unknown.Select(u => "--" + u))}.");
    }
}
