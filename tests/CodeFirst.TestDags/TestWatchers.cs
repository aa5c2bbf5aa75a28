using CodeFirst.Watchers;
using Microsoft.Extensions.DependencyInjection;

namespace CodeFirst.EventDags;

/// <summary>
/// The asset watcher a test asks for through the environment: CODEFIRST_TEST_WATCHER is postgres,
/// rabbitmq or redis and CODEFIRST_TEST_WATCHER_TARGET its connection string (or AMQP URI).
/// </summary>
public static class TestWatchers
{
    public const string Uri = "test://messages";
    public const string Queue = "test-messages";

    public static void Register(IServiceCollection services)
    {
        var target = Environment.GetEnvironmentVariable("CODEFIRST_TEST_WATCHER_TARGET") ?? "";
        switch (Environment.GetEnvironmentVariable("CODEFIRST_TEST_WATCHER"))
        {
            case "postgres":
                services.AddAssetWatcher(Uri, "pg", _ => new PostgresQueueWatcher(new PostgresQueue(target, Queue)) { VisibilityTimeout = TimeSpan.FromSeconds(2) }, AssetRunMode.PerEvent);
                break;
            case "rabbitmq":
                services.AddAssetWatcher(Uri, "rabbit", _ => new RabbitMqWatcher(new RabbitMQ.Client.ConnectionFactory { Uri = new System.Uri(target) }, Queue), AssetRunMode.PerEvent);
                break;
            case "redis":
                services.AddAssetWatcher(Uri, "redis", _ => new RedisStreamWatcher(target, Queue, "codefirst") { PollInterval = TimeSpan.FromMilliseconds(20) }, AssetRunMode.PerEvent);
                break;
        }
    }
}
