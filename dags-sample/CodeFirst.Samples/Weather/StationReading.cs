namespace CodeFirst.Samples.Weather;

public sealed record StationReading(string Station, double TemperatureC);
