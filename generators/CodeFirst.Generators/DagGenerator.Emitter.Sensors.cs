using CodeFirst.Generators.Model;

namespace CodeFirst.Generators;

public sealed partial class DagGenerator
{
    internal static partial class Emitter
    {
        private static void WriteSensor(SourceWriter writer, SensorSpec? sensor)
        {
            if (sensor is null) return;
            writer.WriteLine("Sensor = new global::CodeFirst.Definitions.SensorSpec").OpenBlock();
            if (sensor.PokeIntervalTicks is { } interval) writer.WriteLine($"PokeInterval = {TimeSpanType}.FromTicks({Number(interval)}),");
            if (sensor.TimeoutTicks is { } timeout) writer.WriteLine($"Timeout = {TimeSpanType}.FromTicks({Number(timeout)}),");
            if (sensor.Mode is not null) writer.WriteLine($"Mode = {EnumValue("global::CodeFirst.SensorMode", sensor.Mode)},");
            if (sensor.Deferrable) writer.WriteLine("Deferrable = true,");
            if (sensor.SoftFail) writer.WriteLine("SoftFail = true,");
            if (sensor.ExponentialBackoff) writer.WriteLine("ExponentialBackoff = true,");
            if (sensor.MaxWaitTicks is { } maxWait) writer.WriteLine($"MaxWait = {TimeSpanType}.FromTicks({Number(maxWait)}),");
            writer.CloseBlock("},");
        }
    }
}
