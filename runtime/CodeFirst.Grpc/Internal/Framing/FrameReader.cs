using System.Buffers;
using System.IO.Pipelines;
using Google.Protobuf;

namespace CodeFirst.Grpc.Internal.Framing;

internal static class FrameReader
{
    /// <summary>Reads the next length-prefixed message; null when the request ended cleanly between frames.</summary>
    public static async ValueTask<T?> ReadMessageAsync<T>(
        PipeReader reader, MessageFormat format, int? maxSize, CancellationToken cancellationToken)
        where T : class, IMessage<T>, new()
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (result.IsCanceled)
            {
                reader.AdvanceTo(buffer.Start);
                throw new OperationCanceledException("Reading the request was cancelled.");
            }

            if (buffer.Length >= FrameHeader.Size)
            {
                var length = ValidateHeader(reader, buffer, maxSize);
                if (buffer.Length - FrameHeader.Size >= length)
                {
                    var payload = buffer.Slice(FrameHeader.Size, length);
                    try
                    {
                        return MessageSerializer.Deserialize<T>(payload, format);
                    }
                    finally
                    {
                        reader.AdvanceTo(payload.End);
                    }
                }
            }

            if (result.IsCompleted)
            {
                reader.AdvanceTo(buffer.End);
                return buffer.Length == 0
                    ? null
                    : throw new RpcException(StatusCode.Internal,
                        $"Incomplete message: the request ended {buffer.Length} bytes into a frame.");
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static long ValidateHeader(PipeReader reader, ReadOnlySequence<byte> buffer, int? maxSize)
    {
        var (flags, length) = FrameHeader.Read(buffer);
        Status? error = null;
        if ((flags & FrameHeader.Compressed) != 0)
        {
            error = new Status(StatusCode.Unimplemented,
                "Compressed messages are not supported; send uncompressed messages (encoding identity).");
        }
        else if (flags != 0)
        {
            error = new Status(StatusCode.Internal, $"Unexpected frame flags 0x{flags:x2}.");
        }
        else if (length > (uint)(maxSize ?? int.MaxValue))
        {
            error = new Status(StatusCode.ResourceExhausted,
                $"Received message of {length} bytes exceeds the maximum of {maxSize} bytes.");
        }

        if (error is { } status)
        {
            // Leave nothing half-read in the pipe: the call ends here.
            reader.AdvanceTo(buffer.End);
            throw new RpcException(status);
        }

        return length;
    }
}
