using System.Data.Common;
using CodeFirst.Runtime.Storage.Postgres;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CodeFirst.Triggers;

/// <summary>
/// Runs <see cref="Sql"/> every <see cref="PollInterval"/> and fires when the first cell of the first row
/// is truthy: not null, not 0, not false, not an empty string (Airflow's <c>SqlSensor</c>). The connection
/// is chosen like <c>--db</c>: a <c>postgres://</c> URL or <c>Host=…</c> string is PostgreSQL, anything else
/// a SQLite file path or <c>Data Source=…</c> string. A query error fails the task with the error's message.
/// The payload is that cell's value.
/// </summary>
public sealed class SqlTrigger : Trigger
{
    public SqlTrigger(string connectionString, string sql, TimeSpan pollInterval)
    {
        if (string.IsNullOrWhiteSpace(connectionString)) throw new ArgumentException("SqlTrigger needs a connection string (a SQLite path or a PostgreSQL URL).", nameof(connectionString));
        if (string.IsNullOrWhiteSpace(sql)) throw new ArgumentException("SqlTrigger needs a query.", nameof(sql));
        if (pollInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(pollInterval), pollInterval, "SqlTrigger's poll interval must be positive.");
        (ConnectionString, Sql, PollInterval) = (connectionString, sql, pollInterval);
    }

    public string ConnectionString { get; }
    public string Sql { get; }
    public TimeSpan PollInterval { get; }

    /// <summary>The first cell when it is truthy, null otherwise: a one-shot check a poke-mode <c>[Sensor]</c> can return.</summary>
    public async Task<object?> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = Open();
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = Sql;
            var cell = await command.ExecuteScalarAsync(cancellationToken);
            return IsTruthy(cell) ? cell : null;
        }
        catch (DbException e)
        {
            throw new InvalidOperationException($"SqlTrigger query failed on {PostgresConnectionString.Redact(ConnectionString)}: {e.Message}", e);
        }
    }

    public override async Task<TriggerEvent> RunAsync(TriggerContext context, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await CheckAsync(cancellationToken) is { } cell) return TriggerEvent.Of(cell);
            await Task.Delay(PollInterval, context.Time, cancellationToken);
        }
    }

    /// <summary>Python's truthiness of a database value, as Airflow's SqlSensor applies it.</summary>
    public static bool IsTruthy(object? cell) => cell switch
    {
        null or DBNull => false,
        bool b => b,
        string s => s.Length > 0,
        byte[] bytes => bytes.Length > 0,
        sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal => Convert.ToDouble(cell, System.Globalization.CultureInfo.InvariantCulture) != 0,
        _ => true,
    };

    private DbConnection Open()
    {
        if (PostgresConnectionString.IsPostgres(ConnectionString)) return new NpgsqlConnection(PostgresConnectionString.Normalize(ConnectionString));
        var sqlite = ConnectionString.Contains('=', StringComparison.Ordinal) ? new SqliteConnectionStringBuilder(ConnectionString)
            : new SqliteConnectionStringBuilder { DataSource = ConnectionString };
        if (sqlite.Mode == SqliteOpenMode.ReadWriteCreate) sqlite.Mode = SqliteOpenMode.ReadWrite; // A missing file is an error, not a new empty database.
        return new SqliteConnection(sqlite.ConnectionString);
    }
}
