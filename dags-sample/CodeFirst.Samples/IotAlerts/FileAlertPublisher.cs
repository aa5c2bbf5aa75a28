namespace CodeFirst.Samples.IotAlerts;

/// <summary>Without a queue (standalone, <c>dags test</c>): alerts are appended to <c>.codefirst/alerts.jsonl</c>.</summary>
public sealed class FileAlertPublisher : IAlertPublisher
{
    public async Task PublishAsync(Alert alert, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(".codefirst");
        await File.AppendAllLinesAsync(Path.Combine(".codefirst", "alerts.jsonl"), [XComJson.Serialize(alert)], cancellationToken);
    }
}
