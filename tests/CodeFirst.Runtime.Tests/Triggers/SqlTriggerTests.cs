using CodeFirst.Runtime.Engine;
using CodeFirst.Runtime.State;
using CodeFirst.Runtime.Tests.Support;
using CodeFirst.Triggers;
using Microsoft.Data.Sqlite;

namespace CodeFirst.Runtime.Tests.Triggers;

public sealed class SqlTriggerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("codefirst-sql-trigger-").FullName;

    private string Database => Path.Combine(_dir, "source.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Database};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(0L, false)]
    [InlineData(0.0, false)]
    [InlineData(false, false)]
    [InlineData("", false)]
    [InlineData(1L, true)]
    [InlineData(-2, true)]
    [InlineData(true, true)]
    [InlineData("0", true)]
    public void IsTruthy_LikePythonsBool(object? cell, bool expected) => Assert.Equal(expected, SqlTrigger.IsTruthy(cell));

    [Fact]
    public async Task CheckAsync_SqliteFile_NullUntilTheFirstCellIsTruthyThenThatValue()
    {
        await ExecuteAsync("CREATE TABLE batches (status TEXT);");
        var trigger = new SqlTrigger(Database, "SELECT status FROM batches ORDER BY rowid DESC LIMIT 1", TimeSpan.FromSeconds(1));
        Assert.Null(await trigger.CheckAsync(CancellationToken.None)); // No row yet.
        await ExecuteAsync("INSERT INTO batches VALUES ('');");
        Assert.Null(await trigger.CheckAsync(CancellationToken.None));

        await ExecuteAsync("INSERT INTO batches VALUES ('loaded');");

        Assert.Equal("loaded", await trigger.CheckAsync(CancellationToken.None));
        Assert.Equal("loaded", await new SqlTrigger($"Data Source={Database}", trigger.Sql, trigger.PollInterval).CheckAsync(CancellationToken.None));
    }

    [Fact]
    public async Task CheckAsync_QueryError_FailsWithTheDatabasesMessage()
    {
        await ExecuteAsync("CREATE TABLE other (x INTEGER);");
        var trigger = new SqlTrigger(Database, "SELECT x FROM missing_table", TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => trigger.CheckAsync(CancellationToken.None));

        Assert.Contains("SqlTrigger query failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("no such table: missing_table", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_SqliteFileMissing_FailsInsteadOfCreatingAnEmptyDatabase()
    {
        var missing = Path.Combine(_dir, "missing.db");

        await Assert.ThrowsAsync<InvalidOperationException>(() => new SqlTrigger(missing, "SELECT 1", TimeSpan.FromSeconds(1)).CheckAsync(CancellationToken.None));

        Assert.False(File.Exists(missing));
    }

    [Fact]
    public async Task Deferred_RowAppearsLater_TaskResumesWithTheCellAsXCom()
    {
        await ExecuteAsync("CREATE TABLE counts (n INTEGER); INSERT INTO counts VALUES (0);");
        var dag = TestDag.Of("sql_wait", TestDag.Task("wait", invocation =>
            invocation.Context.TriggerEvent ?? throw new TaskDeferredException(new SqlTrigger(Database, "SELECT n FROM counts", TimeSpan.FromMilliseconds(100)))));
        await using var harness = new EngineHarness([dag], options: new EngineOptions { PollInterval = TimeSpan.FromMilliseconds(100) }) { RunTriggerer = true };
        harness.Engine.Events.TaskInstanceChanged += c =>
        {
            if (c.State == TaskInstanceState.Deferred) ExecuteAsync("UPDATE counts SET n = 42;").GetAwaiter().GetResult();
        };

        var run = await harness.RunAsync("sql_wait");

        Assert.Equal(DagRunState.Success, run.State);
        Assert.Equal("42", await harness.Store.GetXComAsync(run.Id, "wait", XComJson.ReturnValueKey, default));
    }

    [Fact]
    public async Task Deferred_QueryError_FailsTheTask()
    {
        var dag = TestDag.Of("sql_broken", TestDag.Task("wait", invocation =>
            invocation.Context.TriggerEvent ?? throw new TaskDeferredException(new SqlTrigger(Database, "SELEC 1", TimeSpan.FromMilliseconds(100)))));
        await using var harness = new EngineHarness([dag], options: new EngineOptions { PollInterval = TimeSpan.FromMilliseconds(100) }) { RunTriggerer = true };
        await ExecuteAsync("CREATE TABLE t (x INTEGER);");

        var run = await harness.RunAsync("sql_broken");

        Assert.Equal(DagRunState.Failed, run.State);
        Assert.Equal(TaskInstanceState.Failed, (await harness.TaskInstancesAsync(run))["wait"].State);
    }

    [Fact]
    public void Constructor_MissingQueryOrNonPositiveInterval_SaysWhich()
    {
        Assert.Contains("needs a query", Assert.Throws<ArgumentException>(() => new SqlTrigger(Database, " ", TimeSpan.FromSeconds(1))).Message, StringComparison.Ordinal);
        Assert.Contains("needs a connection string", Assert.Throws<ArgumentException>(() => new SqlTrigger("", "SELECT 1", TimeSpan.FromSeconds(1))).Message, StringComparison.Ordinal);
        Assert.Contains("must be positive", Assert.Throws<ArgumentOutOfRangeException>(() => new SqlTrigger(Database, "SELECT 1", TimeSpan.Zero)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Factory_RoundTripsTheSettings()
    {
        var trigger = TriggerRoundTrip.Rebuild(new SqlTrigger("postgres://u:p@db/x", "SELECT 1", TimeSpan.FromSeconds(7)), null!);

        Assert.Equal(("postgres://u:p@db/x", "SELECT 1", TimeSpan.FromSeconds(7)), (trigger.ConnectionString, trigger.Sql, trigger.PollInterval));
    }
}

[Collection(PostgresCollection.Name)]
public sealed class SqlTriggerPostgresTests(PostgresServer server)
{
    [Fact]
    public async Task CheckAsync_Postgres_NullWhileTheCountIsZeroThenTheCount()
    {
        var connectionString = await server.CreateDatabaseAsync(nameof(SqlTriggerPostgresTests));
        await ExecuteAsync(connectionString, "CREATE TABLE jobs (done boolean)");
        var trigger = new SqlTrigger(connectionString, "SELECT count(*) FROM jobs WHERE done", TimeSpan.FromSeconds(1));
        Assert.Null(await trigger.CheckAsync(CancellationToken.None));

        await ExecuteAsync(connectionString, "INSERT INTO jobs VALUES (false), (true)");

        Assert.Equal(1L, await trigger.CheckAsync(CancellationToken.None));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new SqlTrigger(connectionString, "SELECT nope FROM jobs", TimeSpan.FromSeconds(1)).CheckAsync(CancellationToken.None));
        Assert.Contains("nope", error.Message, StringComparison.Ordinal);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
