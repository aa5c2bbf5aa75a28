namespace CodeFirst.Grpc;

public delegate Task<TResponse> UnaryServerMethod<in TRequest, TResponse>(TRequest request, ServerCallContext context);
