using System.Globalization;

namespace CodeFirst.Samples.Orders;

/// <summary>Reads the day's export from a CSV file (the sample ships one in data/).</summary>
public sealed class CsvOrdersSource(string path) : IOrdersSource
{
    public async Task<OrderBatch> ReadAsync(DateTimeOffset day, CancellationToken cancellationToken)
    {
        var lines = await File.ReadAllLinesAsync(path, cancellationToken);
        var orders = lines.Skip(1)
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => line.Split(','))
            .Select(f => new Order(int.Parse(f[0], CultureInfo.InvariantCulture), f[1], decimal.Parse(f[2], CultureInfo.InvariantCulture), f[3]))
            .ToArray();
        return new OrderBatch(DateOnly.FromDateTime(day.UtcDateTime), orders);
    }
}
