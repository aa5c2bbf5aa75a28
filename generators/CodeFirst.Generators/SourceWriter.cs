using System.Text;

namespace CodeFirst.Generators;

/// <summary>An indentation-aware string builder; always writes '\n' so output is identical on every OS.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;

    public SourceWriter WriteLine(string line)
    {
        if (line.Length > 0) _builder.Append(' ', _indent * 4).Append(line);
        _builder.Append('\n');
        return this;
    }

    public SourceWriter WriteLine() => WriteLine("");

    public SourceWriter OpenBlock(string line = "{")
    {
        WriteLine(line);
        _indent++;
        return this;
    }

    public SourceWriter CloseBlock(string line = "}")
    {
        _indent--;
        return WriteLine(line);
    }

    public override string ToString() => _builder.ToString();
}
