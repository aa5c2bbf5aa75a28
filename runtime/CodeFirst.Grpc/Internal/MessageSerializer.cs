using System.Buffers;
using System.Text;
using Google.Protobuf;

namespace CodeFirst.Grpc.Internal;

internal static class MessageSerializer
{
    private static readonly JsonParser JsonParser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    /// <summary>Parses a request message; a message that does not parse is the caller's fault: INVALID_ARGUMENT.</summary>
    public static T Deserialize<T>(ReadOnlySequence<byte> data, MessageFormat format)
        where T : class, IMessage<T>, new()
    {
        try
        {
            return format == MessageFormat.Proto
                ? MessageCache<T>.Parser.ParseFrom(data)
                : JsonParser.Parse<T>(Encoding.UTF8.GetString(data));
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw InvalidMessage<T>(format, ex);
        }
        catch (InvalidJsonException ex)
        {
            // InvalidJsonException is an IOException; it must not look like a client reset.
            throw InvalidMessage<T>(format, ex);
        }
    }

    public static byte[] SerializeJson(IMessage message) => Encoding.UTF8.GetBytes(JsonFormatter.Default.Format(message));

    private static RpcException InvalidMessage<T>(MessageFormat format, Exception ex)
        where T : class, IMessage<T>, new() =>
        new(StatusCode.InvalidArgument,
            $"The request is not a valid {(format == MessageFormat.Json ? "JSON" : "protobuf")} {MessageCache<T>.FullName} message: {ex.Message}");

    private static class MessageCache<T>
        where T : class, IMessage<T>, new()
    {
        public static readonly MessageParser<T> Parser = new(() => new T());

        public static readonly string FullName = new T().Descriptor.FullName;
    }
}
