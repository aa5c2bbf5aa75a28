using System.IO.Pipelines;
using Google.Protobuf;

namespace CodeFirst.Grpc.Internal.Framing;

internal static class FrameWriter
{
    /// <summary>Writes one framed message and flushes it: GetSpan/Advance alone sends nothing until the response ends.</summary>
    public static async Task WriteMessageAsync(
        PipeWriter writer, IMessage message, MessageFormat format, int? maxSize, CancellationToken cancellationToken)
    {
        if (format == MessageFormat.Json)
        {
            WriteFrame(writer, 0, CheckSize(MessageSerializer.SerializeJson(message), maxSize));
        }
        else
        {
            var size = CheckSize(message.CalculateSize(), maxSize);
            var span = writer.GetSpan(FrameHeader.Size + size);
            FrameHeader.Write(span, 0, size);
            message.WriteTo(span.Slice(FrameHeader.Size, size));
            writer.Advance(FrameHeader.Size + size);
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public static void WriteFrame(PipeWriter writer, byte flags, ReadOnlySpan<byte> payload)
    {
        var span = writer.GetSpan(FrameHeader.Size + payload.Length);
        FrameHeader.Write(span, flags, payload.Length);
        payload.CopyTo(span[FrameHeader.Size..]);
        writer.Advance(FrameHeader.Size + payload.Length);
    }

    public static byte[] CheckSize(byte[] payload, int? maxSize)
    {
        CheckSize(payload.Length, maxSize);
        return payload;
    }

    public static int CheckSize(int size, int? maxSize) =>
        size > (maxSize ?? int.MaxValue)
            ? throw new RpcException(StatusCode.ResourceExhausted,
                $"Sending message of {size} bytes exceeds the maximum of {maxSize} bytes.")
            : size;
}
