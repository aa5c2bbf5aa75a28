namespace CodeFirst.Samples.IotAlerts;

/// <summary>The asset every sensor reading updates, and the queues around the pipeline.</summary>
public static class IotAssets
{
    public const string Readings = "iot://plant/readings";
    public const string ReadingsQueue = "iot-readings";
    public const string AlertsQueue = "iot-alerts";
}
