using CodeFirst.Grpc;

namespace CodeFirst.Server.Cli.Client;

/// <summary>A call the server answered with a non-OK status.</summary>
internal sealed class GrpcCallException(StatusCode statusCode, string detail)
    : Exception($"{StatusNames.Name(statusCode)}: {detail}")
{
    public StatusCode StatusCode { get; } = statusCode;

    public string Detail { get; } = detail;
}
