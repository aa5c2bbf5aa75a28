using System.Text;

namespace CodeFirst.Server.Cli.Graphs;

/// <summary>Gives each name a stable identifier of letters, digits and '_' only, unique among the names seen.</summary>
internal sealed class SafeIds(string prefix)
{
    private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public string Of(string name)
    {
        if (_ids.TryGetValue(name, out var id)) return id;
        var safe = new StringBuilder(prefix);
        foreach (var c in name) safe.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        id = safe.ToString();
        for (var n = 2; !_used.Add(id); n++) id = $"{safe}_{n}";
        _ids[name] = id;
        return id;
    }
}
