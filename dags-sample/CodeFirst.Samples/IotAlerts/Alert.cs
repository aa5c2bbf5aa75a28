namespace CodeFirst.Samples.IotAlerts;

/// <summary>What the pipeline publishes when a reading crosses the threshold.</summary>
public sealed record Alert(string Sensor, double Celsius, string Severity, string ReadingRunId);
