namespace CodeFirst.Generators;

/// <summary>
/// Checks an asset schedule at compile time: <c>asset:URI</c> terms joined by <c>&amp;</c> (all) and
/// <c>|</c> (any), <c>&amp;</c> binding tighter, with parentheses. The runtime parses the same grammar
/// (CodeFirst.Runtime.Assets.AssetCondition).
/// </summary>
internal static class AssetScheduleValidator
{
    private const string Prefix = "asset:";

    public static bool IsAssetSchedule(string schedule) => schedule.IndexOf(Prefix, StringComparison.Ordinal) >= 0
        || schedule.TrimStart().StartsWith("(", StringComparison.Ordinal);

    /// <summary>Returns null when the expression is valid, otherwise what is wrong and where.</summary>
    public static string? Validate(string schedule)
    {
        var position = 0;
        var error = Or(schedule, ref position);
        if (error is not null) return error;
        SkipSpace(schedule, ref position);
        return position < schedule.Length ? $"unexpected '{schedule[position]}' at position {position + 1}" : null;
    }

    private static string? Or(string text, ref int position)
    {
        var error = And(text, ref position);
        while (error is null && Accept(text, ref position, '|')) error = And(text, ref position);
        return error;
    }

    private static string? And(string text, ref int position)
    {
        var error = Term(text, ref position);
        while (error is null && Accept(text, ref position, '&')) error = Term(text, ref position);
        return error;
    }

    private static string? Term(string text, ref int position)
    {
        SkipSpace(text, ref position);
        if (position >= text.Length) return "it ends where an 'asset:URI' or '(' was expected";
        if (Accept(text, ref position, '('))
        {
            var error = Or(text, ref position);
            if (error is not null) return error;
            return Accept(text, ref position, ')') ? null : $"a '(' has no matching ')' (position {position + 1})";
        }
        if (string.CompareOrdinal(text, position, Prefix, 0, Prefix.Length) != 0)
            return $"expected 'asset:URI' or '(' at position {position + 1}";
        position += Prefix.Length;
        var start = position;
        while (position < text.Length && !IsDelimiter(text[position])) position++;
        return position > start ? null : $"'asset:' at position {start - Prefix.Length + 1} has no URI";
    }

    private static bool IsDelimiter(char c) => char.IsWhiteSpace(c) || c is '&' or '|' or '(' or ')';

    private static bool Accept(string text, ref int position, char token)
    {
        SkipSpace(text, ref position);
        if (position >= text.Length || text[position] != token) return false;
        position++;
        return true;
    }

    private static void SkipSpace(string text, ref int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position])) position++;
    }
}
