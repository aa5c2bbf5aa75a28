using System.Text.Json;
using System.Text.Json.Nodes;

namespace CodeFirst.Grpc.Tests.Infrastructure;

/// <summary>Drives <c>@grpc/grpc-js</c> through a small script; each call prints one JSON line.</summary>
public sealed class GrpcJsClient(NodeClients clients, Uri address)
{
    private const string Script = """
        const grpc = require('@grpc/grpc-js');
        const protoLoader = require('@grpc/proto-loader');
        const [protoPath, address, action, argJson] = process.argv.slice(2);
        const args = JSON.parse(argJson);
        const definition = protoLoader.loadSync(protoPath, { defaults: true, oneofs: true });
        const pkg = grpc.loadPackageDefinition(definition).codefirst.test.v1;
        const client = new pkg.EchoService(address, grpc.credentials.createInsecure());
        const metadata = new grpc.Metadata();
        for (const [key, value] of Object.entries(args.metadata || {})) metadata.add(key, value);
        const options = args.deadlineMs ? { deadline: new Date(Date.now() + args.deadlineMs) } : {};
        const done = (result) => { process.stdout.write(JSON.stringify(result) + '\n'); client.close(); };
        const status = (s) => ({ code: s.code, details: s.details });
        if (action === 'unary') {
          client[args.method](args.request, metadata, options, (error, response) =>
            done(error ? { status: status(error) } : { status: { code: 0 }, response }));
        } else {
          const call = action === 'duplex'
            ? client[args.method](metadata, options)
            : client[args.method](args.request, metadata, options);
          const messages = [];
          call.on('data', (message) => {
            messages.push(message);
            if (args.cancelAfter && messages.length === args.cancelAfter) call.cancel();
          });
          call.on('error', () => {});
          call.on('status', (s) => done({ status: status(s), messages }));
          if (action === 'duplex') {
            for (const request of args.requests) call.write(request);
            call.end();
          }
        }
        """;

    private static readonly Lazy<string> ScriptPath = new(() =>
    {
        var directory = Path.Combine(Path.GetTempPath(), "codefirst-grpcjs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "client.js");
        File.WriteAllText(path, Script);
        return path;
    });

    public Task<JsonNode> UnaryAsync(string method, object request, object? extra = null) => RunAsync("unary", method, request, extra);

    public Task<JsonNode> ServerStreamingAsync(string method, object request, object? extra = null) => RunAsync("stream", method, request, extra);

    public Task<JsonNode> DuplexAsync(string method, object[] requests) => RunAsync("duplex", method, null, new { requests });

    private async Task<JsonNode> RunAsync(string action, string method, object? request, object? extra)
    {
        var args = JsonSerializer.SerializeToNode(extra ?? new { })!.AsObject();
        args["method"] = method;
        args["request"] = JsonSerializer.SerializeToNode(request);
        var proto = Path.Combine(AppContext.BaseDirectory, "Protos", "echo.proto");
        var result = await ProcessRunner.RunAsync("node", [ScriptPath.Value, proto, $"{address.Host}:{address.Port}", action, args.ToJsonString()],
            TimeSpan.FromSeconds(60), environment: clients.NodeEnvironment);
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonNode.Parse(result.StandardOutput) ?? throw new InvalidOperationException(result.ToString());
    }
}
