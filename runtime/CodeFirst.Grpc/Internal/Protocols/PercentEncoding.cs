using System.Text;

namespace CodeFirst.Grpc.Internal.Protocols;

/// <summary>
/// <c>grpc-message</c> is percent-encoded UTF-8: raw non-ASCII in a header throws inside Kestrel
/// and the client would see HTTP 500 instead of the status.
/// </summary>
internal static class PercentEncoding
{
    public static string Encode(string value)
    {
        if (value.All(c => c is >= ' ' and <= '~' and not '%'))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length * 2);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is >= 0x20 and <= 0x7E and not (byte)'%')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
