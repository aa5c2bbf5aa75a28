using System.Globalization;
using System.Text.RegularExpressions;

namespace CodeFirst.Dashboard.Tests.Infrastructure;

/// <summary>Reads a /metrics page as Prometheus does: checks the text format (0.0.4) and finds samples.</summary>
internal static partial class PrometheusText
{
    /// <summary>The value of the sample <paramref name="name"/> with exactly these labels; 0 when absent.</summary>
    public static double Sample(string text, string name, string labels = "")
    {
        var prefix = labels.Length == 0 ? $"{name} " : $"{name}{{{labels}}} ";
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }

    /// <summary>The TYPE a family is declared with, or null.</summary>
    public static string? TypeOf(string text, string family) =>
        text.Split('\n').FirstOrDefault(l => l.StartsWith($"# TYPE {family} ", StringComparison.Ordinal))?.Split(' ')[3];

    /// <summary>HELP/TYPE comments, then samples of declared families, each line well formed; no family declared twice.</summary>
    public static void AssertValid(string text)
    {
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n').Where(l => l.Length > 0))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                Assert.Contains(parts[3], new[] { "counter", "gauge", "histogram", "summary", "untyped" });
                Assert.True(declared.Add(parts[2]), $"family declared twice: {parts[2]}");
                continue;
            }
            if (line.StartsWith("# HELP ", StringComparison.Ordinal)) continue;
            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not a Prometheus sample line: {line}");
            var family = Regex.Replace(match.Groups["name"].Value, "_(bucket|sum|count)$", "");
            Assert.True(declared.Contains(match.Groups["name"].Value) || declared.Contains(family), $"sample of an undeclared family: {line}");
        }
        Assert.NotEmpty(declared);
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{[a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*"(,[a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*")*\})? (-?[0-9.]+([eE][+-]?[0-9]+)?|NaN|[+-]Inf)$""")]
    private static partial Regex SampleLine();
}
