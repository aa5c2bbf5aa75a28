using System.Text;
using System.Text.Json;

namespace CodeFirst.TestSupport;

/// <summary>Runs <c>buf curl</c> against the fixture; it learns the schema through server reflection.</summary>
public sealed class BufCurl(NodeClients clients, Uri address)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public Task<ProcessResult> ListServicesAsync(string protocol = "grpc", params string[] extra) =>
        ProcessRunner.RunAsync(clients.Buf, ["curl", "--protocol", protocol, "--http2-prior-knowledge", .. extra, "--list-services", address.ToString().TrimEnd('/')], Timeout);

    public Task<ProcessResult> CallAsync(string method, string json, string protocol = "grpc", params string[] extra) =>
        ProcessRunner.RunAsync(clients.Buf,
            ["curl", "--protocol", protocol, "--http2-prior-knowledge", .. extra, "-d", json, new Uri(address, method).ToString()], Timeout);

    /// <summary>buf prints one JSON document per response message, one after another.</summary>
    public static IReadOnlyList<JsonElement> ParseDocuments(string output)
    {
        var documents = new List<JsonElement>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(output), new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            using var document = JsonDocument.ParseValue(ref reader);
            documents.Add(document.RootElement.Clone());
        }

        return documents;
    }
}
