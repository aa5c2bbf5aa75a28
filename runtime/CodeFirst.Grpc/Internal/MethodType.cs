namespace CodeFirst.Grpc.Internal;

internal enum MethodType
{
    Unary,
    ClientStreaming,
    ServerStreaming,
    DuplexStreaming,
}
