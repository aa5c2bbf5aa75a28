namespace CodeFirst.Grpc.Internal;

/// <summary>How messages are encoded: protobuf binary, or protobuf's canonical JSON (Connect, gRPC+json).</summary>
internal enum MessageFormat
{
    Proto,
    Json,
}
