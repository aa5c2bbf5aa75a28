namespace CodeFirst.Generators.Analyzers;

/// <summary>How far apart two names are (case-insensitive; a swap of neighbours counts once), and what counts as a typo.</summary>
internal static class NameDistance
{
    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.</summary>
    public static int Between(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }

    /// <summary>
    /// One edit for names up to 6 characters, two for longer ones; nothing for names under 3
    /// characters, where every short service name would look like a typo.
    /// </summary>
    public static bool IsTypo(string written, string meant)
    {
        if (written.Length < 3 || string.Equals(written, meant, StringComparison.OrdinalIgnoreCase)) return false;
        var allowed = Math.Max(written.Length, meant.Length) <= 6 ? 1 : 2;
        return Between(written, meant) <= allowed;
    }
}
