namespace CodeFirst.Runtime.Storage;

/// <summary>
/// A CodeFirst database. Each concern is its own narrow interface; SQL dialect details stay
/// inside the implementation (SQLite here, PostgreSQL later) so one conformance suite covers both.
/// </summary>
public interface IStore : IDagStore, IDagRunStore, ITaskQueue, ITaskRecords, ILiveLogStore, IPoolStore, IAsyncDisposable
{
    /// <summary>Applies the versioned schema migrations not yet applied.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    Task<IRunTransaction> BeginRunTransactionAsync(long runPk, CancellationToken cancellationToken);
}
