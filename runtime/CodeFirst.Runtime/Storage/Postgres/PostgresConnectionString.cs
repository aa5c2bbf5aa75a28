using Npgsql;

namespace CodeFirst.Runtime.Storage.Postgres;

/// <summary>Accepts both Npgsql keyword strings (<c>Host=…;Database=…</c>) and <c>postgres://user:pass@host:port/db</c> URLs.</summary>
public static class PostgresConnectionString
{
    public static bool IsPostgres(string db) =>
        db.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || db.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || db.Contains("Host=", StringComparison.OrdinalIgnoreCase);

    public static string Normalize(string db)
    {
        if (!db.Contains("://", StringComparison.Ordinal)) return new NpgsqlConnectionStringBuilder(db).ConnectionString;
        if (!Uri.TryCreate(db, UriKind.Absolute, out var uri))
            throw new FormatException($"'{Redact(db)}' is not a PostgreSQL URL: use postgres://user:password@host:5432/database.");
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        if (uri.UserInfo.Split(':', 2) is [var user, ..] && user.Length > 0) builder.Username = Uri.UnescapeDataString(user);
        if (uri.UserInfo.Split(':', 2) is [_, var password]) builder.Password = Uri.UnescapeDataString(password);
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = pair.Split('=', 2) is [var k, var v] ? (k, v) : (pair, "");
            builder[Uri.UnescapeDataString(key)] = Uri.UnescapeDataString(value);
        }
        return builder.ConnectionString;
    }

    /// <summary>The connection text without its password, for messages.</summary>
    public static string Redact(string db) =>
        System.Text.RegularExpressions.Regex.Replace(db, @"(://[^:/@]*:)[^@]*@|(Password=)[^;]*", m => m.Groups[1].Success ? $"{m.Groups[1].Value}***@" : $"{m.Groups[2].Value}***",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase);
}
