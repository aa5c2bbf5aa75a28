using System.Buffers;
using System.Buffers.Binary;

namespace CodeFirst.Grpc.Internal.Framing;

/// <summary>The 5-byte prefix of gRPC messages and Connect envelopes: flags, then a big-endian length.</summary>
internal static class FrameHeader
{
    public const int Size = 5;

    public const byte Compressed = 0x01;

    /// <summary>Connect's end-of-stream envelope (server to client only).</summary>
    public const byte EndStream = 0x02;

    public static (byte Flags, uint Length) Read(ReadOnlySequence<byte> buffer)
    {
        Span<byte> header = stackalloc byte[Size];
        buffer.Slice(0, Size).CopyTo(header);
        return (header[0], BinaryPrimitives.ReadUInt32BigEndian(header[1..]));
    }

    public static void Write(Span<byte> destination, byte flags, int length)
    {
        destination[0] = flags;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)length);
    }
}
