namespace CodeFirst.Samples.Orders;

/// <summary>Where a day's orders come from; registered in Program.cs and injected into the DAG's constructor.</summary>
public interface IOrdersSource
{
    Task<OrderBatch> ReadAsync(DateTimeOffset day, CancellationToken cancellationToken);
}
