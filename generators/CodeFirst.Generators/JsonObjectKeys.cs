using System.Text;

namespace CodeFirst.Generators;

/// <summary>
/// A small JSON reader for attribute values (the generator cannot use System.Text.Json): checks that a
/// string is one JSON object and returns its top-level keys, or null when it is not valid JSON.
/// </summary>
internal static class JsonObjectKeys
{
    public static List<string>? Read(string json)
    {
        var reader = new Reader(json);
        reader.SkipSpace();
        if (!reader.TryPeek('{')) return null;
        var keys = new List<string>();
        if (!reader.Object(keys)) return null;
        reader.SkipSpace();
        return reader.AtEnd ? keys : null;
    }

    private sealed class Reader(string text)
    {
        private int _at;

        public bool AtEnd => _at >= text.Length;

        public void SkipSpace()
        {
            while (_at < text.Length && text[_at] is ' ' or '\t' or '\r' or '\n') _at++;
        }

        public bool TryPeek(char c) => _at < text.Length && text[_at] == c;

        private bool Take(char c)
        {
            SkipSpace();
            if (!TryPeek(c)) return false;
            _at++;
            return true;
        }

        public bool Object(List<string>? keys)
        {
            if (!Take('{')) return false;
            if (Take('}')) return true;
            do
            {
                SkipSpace();
                var key = String();
                if (key is null || !Take(':') || !Value()) return false;
                keys?.Add(key);
            }
            while (Take(','));
            return Take('}');
        }

        private bool Array()
        {
            if (!Take('[')) return false;
            if (Take(']')) return true;
            do
            {
                if (!Value()) return false;
            }
            while (Take(','));
            return Take(']');
        }

        private bool Value()
        {
            SkipSpace();
            if (AtEnd) return false;
            return text[_at] switch
            {
                '{' => Object(null),
                '[' => Array(),
                '"' => String() is not null,
                't' => Word("true"),
                'f' => Word("false"),
                'n' => Word("null"),
                _ => Number(),
            };
        }

        private bool Word(string word)
        {
            if (string.CompareOrdinal(text, _at, word, 0, word.Length) != 0) return false;
            _at += word.Length;
            return true;
        }

        private bool Number()
        {
            var start = _at;
            while (_at < text.Length && (char.IsDigit(text[_at]) || text[_at] is '-' or '+' or '.' or 'e' or 'E')) _at++;
            return _at > start && double.TryParse(text.Substring(start, _at - start), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);
        }

        private string? String()
        {
            if (!TryPeek('"')) return null;
            _at++;
            var value = new StringBuilder();
            while (_at < text.Length)
            {
                var c = text[_at++];
                if (c == '"') return value.ToString();
                if (c == '\\')
                {
                    if (_at >= text.Length) return null;
                    var escaped = text[_at++];
                    if (escaped == 'u')
                    {
                        if (_at + 4 > text.Length) return null;
                        if (!int.TryParse(text.Substring(_at, 4), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var code)) return null;
                        value.Append((char)code);
                        _at += 4;
                    }
                    else if ("\"\\/bfnrt".IndexOf(escaped) >= 0) value.Append(escaped);
                    else return null;
                }
                else if (c < ' ') return null;
                else value.Append(c);
            }
            return null;
        }
    }
}
