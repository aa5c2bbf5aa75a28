namespace CodeFirst.Runtime.Assets;

/// <summary>Recursive descent over <c>or := and ('|' and)*; and := term ('&amp;' term)*; term := 'asset:' URI | '(' or ')'</c>.</summary>
internal sealed class AssetConditionParser(string text)
{
    private const string Prefix = "asset:";
    private int _position;

    public AssetCondition ParseAll()
    {
        var condition = Or();
        SkipSpace();
        if (_position < text.Length) throw Error($"unexpected '{text[_position]}' at position {_position + 1}");
        return condition;
    }

    private AssetCondition Or()
    {
        var operands = new List<AssetCondition> { And() };
        while (Accept('|')) operands.Add(And());
        return operands.Count == 1 ? operands[0] : new AssetAny(operands);
    }

    private AssetCondition And()
    {
        var operands = new List<AssetCondition> { Term() };
        while (Accept('&')) operands.Add(Term());
        return operands.Count == 1 ? operands[0] : new AssetAll(operands);
    }

    private AssetCondition Term()
    {
        SkipSpace();
        if (_position >= text.Length) throw Error("it ends where an 'asset:URI' or '(' was expected");
        if (Accept('('))
        {
            var inner = Or();
            return Accept(')') ? inner : throw Error($"a '(' has no matching ')' (position {_position + 1})");
        }
        if (string.CompareOrdinal(text, _position, Prefix, 0, Prefix.Length) != 0)
            throw Error($"expected 'asset:URI' or '(' at position {_position + 1}");
        _position += Prefix.Length;
        var start = _position;
        while (_position < text.Length && !(char.IsWhiteSpace(text[_position]) || text[_position] is '&' or '|' or '(' or ')')) _position++;
        return _position > start
            ? new AssetReference(text[start.._position])
            : throw Error($"'asset:' at position {start - Prefix.Length + 1} has no URI");
    }

    private bool Accept(char token)
    {
        SkipSpace();
        if (_position >= text.Length || text[_position] != token) return false;
        _position++;
        return true;
    }

    private void SkipSpace()
    {
        while (_position < text.Length && char.IsWhiteSpace(text[_position])) _position++;
    }

    private FormatException Error(string problem) =>
        new($"Asset schedule '{text}' is invalid: {problem}. Write 'asset:URI' terms joined by '&' and '|', with parentheses.");
}
