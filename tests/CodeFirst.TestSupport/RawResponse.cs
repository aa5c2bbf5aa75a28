using System.Buffers.Binary;
using System.Net;

namespace CodeFirst.TestSupport;

public sealed record RawResponse(HttpStatusCode HttpStatus, byte[] Body, int? GrpcStatus, string? GrpcMessage, HttpResponseMessage Message)
{
    /// <summary>The messages in a gRPC response body.</summary>
    public IReadOnlyList<byte[]> Frames
    {
        get
        {
            var frames = new List<byte[]>();
            var offset = 0;
            while (offset + 5 <= Body.Length)
            {
                var length = (int)BinaryPrimitives.ReadUInt32BigEndian(Body.AsSpan(offset + 1));
                frames.Add(Body.AsSpan(offset + 5, length).ToArray());
                offset += 5 + length;
            }

            return frames;
        }
    }
}
