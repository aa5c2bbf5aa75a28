using System.Text.Json;
using System.Text.Json.Nodes;
using CodeFirst.Server.Tests.Support;

namespace CodeFirst.Server.Tests.ControlPlane.Infrastructure;

/// <summary>Drives <c>@grpc/grpc-js</c> with the control plane's .proto files; each call prints one JSON line.</summary>
internal sealed class GrpcJsClient(NodeClients clients, Uri address)
{
    private const string Script = """
        const grpc = require('@grpc/grpc-js');
        const protoLoader = require('@grpc/proto-loader');
        const [protoRoot, address, action, argJson] = process.argv.slice(2);
        const args = JSON.parse(argJson);
        const files = ['codefirst/v1/dags.proto', 'codefirst/v1/dag_runs.proto', 'codefirst/v1/task_instances.proto',
                       'codefirst/v1/assets.proto', 'codefirst/v1/pools.proto'];
        const definition = protoLoader.loadSync(files, { keepCase: true, defaults: true, oneofs: true, includeDirs: [protoRoot] });
        const pkg = grpc.loadPackageDefinition(definition).codefirst.v1;
        const client = new pkg[args.service](address, grpc.credentials.createInsecure());
        const metadata = new grpc.Metadata();
        for (const [key, value] of Object.entries(args.metadata || {})) metadata.add(key, value);
        const options = args.deadlineMs ? { deadline: new Date(Date.now() + args.deadlineMs) } : {};
        const done = (result) => { process.stdout.write(JSON.stringify(result) + '\n'); client.close(); };
        const status = (s) => ({ code: s.code, details: s.details });
        if (action === 'unary') {
          client[args.method](args.request, metadata, options, (error, response) =>
            done(error ? { status: status(error) } : { status: { code: 0 }, response }));
        } else {
          const call = client[args.method](args.request, metadata, options);
          const messages = [];
          call.on('data', (message) => {
            messages.push(message);
            if (args.cancelAfter && messages.length === args.cancelAfter) call.cancel();
          });
          call.on('error', () => {});
          call.on('status', (s) => done({ status: status(s), messages }));
        }
        """;

    private static readonly Lazy<string> ScriptPath = new(() =>
    {
        var directory = Path.Combine(Path.GetTempPath(), "codefirst-cp-grpcjs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "client.js");
        File.WriteAllText(path, Script);
        return path;
    });

    public Task<JsonNode> UnaryAsync(string service, string method, object request, object? extra = null) => RunAsync("unary", service, method, request, extra);

    public Task<JsonNode> ServerStreamingAsync(string service, string method, object request, object? extra = null) => RunAsync("stream", service, method, request, extra);

    private async Task<JsonNode> RunAsync(string action, string service, string method, object request, object? extra)
    {
        var args = JsonSerializer.SerializeToNode(extra ?? new { })!.AsObject();
        args["service"] = service;
        args["method"] = method;
        args["request"] = JsonSerializer.SerializeToNode(request);
        var result = await ProcessRunner.RunAsync("node", [ScriptPath.Value, Path.Combine(RepoPaths.Root, "proto"), $"{address.Host}:{address.Port}", action, args.ToJsonString()],
            TimeSpan.FromSeconds(60), environment: clients.NodeEnvironment);
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonNode.Parse(result.StandardOutput) ?? throw new InvalidOperationException(result.ToString());
    }
}
