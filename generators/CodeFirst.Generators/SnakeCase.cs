using System.Text;

namespace CodeFirst.Generators;

/// <summary>Method name to Airflow-style task id: <c>LoadToDb</c> → <c>load_to_db</c>, <c>HTTPCall</c> → <c>http_call</c>.</summary>
internal static class SnakeCase
{
    public static string Convert(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && builder.Length > 0 && builder[builder.Length - 1] != '_')
            {
                var previous = name[i - 1];
                var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                // A word starts after a lower-case letter or digit, or where an acronym ends ("HTTPCall": the 'C').
                if (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && nextIsLower))
                {
                    builder.Append('_');
                }
            }
            builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }
}
