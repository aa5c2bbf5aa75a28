using CodeFirst.Grpc.Internal;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Reflection.V1;

namespace CodeFirst.Grpc.Reflection;

/// <summary>
/// Server reflection (v1 and v1alpha: the same messages on the wire). A bidi stream of
/// questions; each file answer carries the file plus the dependencies not yet sent on this stream.
/// </summary>
internal sealed class ReflectionService(GrpcServiceRegistry registry)
{
    public async Task ServerReflectionInfo(
        IAsyncStreamReader<ServerReflectionRequest> requestStream,
        IServerStreamWriter<ServerReflectionResponse> responseStream,
        ServerCallContext context)
    {
        var index = new DescriptorIndex(registry.Services);
        var sentFiles = new HashSet<string>(StringComparer.Ordinal);
        while (await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            var response = Answer(requestStream.Current, index, sentFiles);
            await responseStream.WriteAsync(response).ConfigureAwait(false);
        }
    }

    private ServerReflectionResponse Answer(ServerReflectionRequest request, DescriptorIndex index, HashSet<string> sentFiles)
    {
        var response = new ServerReflectionResponse { ValidHost = request.Host, OriginalRequest = request };
        switch (request.MessageRequestCase)
        {
            case ServerReflectionRequest.MessageRequestOneofCase.ListServices:
                var list = new ListServiceResponse();
                list.Service.AddRange(registry.Services.Select(s => new ServiceResponse { Name = s.FullName }));
                response.ListServicesResponse = list;
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileByFilename:
                SetFile(response, index.FindFile(request.FileByFilename), sentFiles, $"File not found: {request.FileByFilename}");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingSymbol:
                SetFile(response, index.FindFileContainingSymbol(request.FileContainingSymbol), sentFiles,
                    $"Symbol not found: {request.FileContainingSymbol}");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingExtension:
                var extension = request.FileContainingExtension;
                SetFile(response, index.FindExtension(extension.ContainingType, extension.ExtensionNumber)?.File, sentFiles,
                    $"Extension not found: {extension.ContainingType} {extension.ExtensionNumber}");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.AllExtensionNumbersOfType:
                var numbers = index.FindExtensionNumbers(request.AllExtensionNumbersOfType);
                if (numbers is null)
                {
                    SetError(response, StatusCode.NotFound, $"Type not found: {request.AllExtensionNumbersOfType}");
                    break;
                }

                var extensionNumbers = new ExtensionNumberResponse { BaseTypeName = request.AllExtensionNumbersOfType.TrimStart('.') };
                extensionNumbers.ExtensionNumber.AddRange(numbers);
                response.AllExtensionNumbersResponse = extensionNumbers;
                break;
            default:
                SetError(response, StatusCode.InvalidArgument, "The reflection request names no question.");
                break;
        }

        return response;
    }

    private static void SetFile(ServerReflectionResponse response, FileDescriptor? file, HashSet<string> sentFiles, string notFound)
    {
        if (file is null)
        {
            SetError(response, StatusCode.NotFound, notFound);
            return;
        }

        // The asked-for file always goes; its dependencies only once per stream.
        var files = new FileDescriptorResponse();
        files.FileDescriptorProto.Add(ByteString.CopyFrom(file.SerializedData.Span));
        sentFiles.Add(file.Name);
        var pending = new Queue<FileDescriptor>(file.Dependencies);
        while (pending.TryDequeue(out var dependency))
        {
            if (sentFiles.Add(dependency.Name))
            {
                files.FileDescriptorProto.Add(ByteString.CopyFrom(dependency.SerializedData.Span));
                foreach (var next in dependency.Dependencies)
                {
                    pending.Enqueue(next);
                }
            }
        }

        response.FileDescriptorResponse = files;
    }

    private static void SetError(ServerReflectionResponse response, StatusCode code, string message) =>
        response.ErrorResponse = new ErrorResponse { ErrorCode = (int)code, ErrorMessage = message };
}
