namespace CodeFirst.Grpc;

public delegate Task<TResponse> ClientStreamingServerMethod<TRequest, TResponse>(
    IAsyncStreamReader<TRequest> requestStream, ServerCallContext context);
