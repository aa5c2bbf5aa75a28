namespace CodeFirst.Grpc;

public delegate Task ServerStreamingServerMethod<in TRequest, out TResponse>(
    TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context);
