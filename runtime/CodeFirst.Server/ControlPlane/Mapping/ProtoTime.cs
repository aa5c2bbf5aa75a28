using Google.Protobuf.WellKnownTypes;

namespace CodeFirst.Server.ControlPlane.Mapping;

/// <summary>Timestamps in and out; a malformed incoming timestamp is an invalid argument naming its field.</summary>
internal static class ProtoTime
{
    public static Timestamp? ToProto(DateTimeOffset? value) => value is { } v ? Timestamp.FromDateTimeOffset(v) : null;

    public static DateTimeOffset? FromProto(Timestamp? value, string field)
    {
        if (value is null) return null;
        try
        {
            return value.ToDateTimeOffset();
        }
        catch (InvalidOperationException e)
        {
            throw new ArgumentException($"{field}: {e.Message}", field, e);
        }
    }
}
