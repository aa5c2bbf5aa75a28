using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CodeFirst.Server.Cli;

/// <summary>How client commands print: dates like Airflow's CLI, and --output json as proto3 JSON with the .proto field names.</summary>
internal static class CliOutput
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true).WithPreserveProtoFieldNames(true));

    public static Task WriteJsonAsync(TextWriter output, IMessage message) => output.WriteLineAsync(Json.Format(message));

    public static string Format(DateTimeOffset? value) =>
        value?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFzzz", CultureInfo.InvariantCulture) ?? "";

    public static string Format(Timestamp? value) => Format(value?.ToDateTimeOffset());
}
