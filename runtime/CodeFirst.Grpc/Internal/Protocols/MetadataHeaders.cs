using Microsoft.AspNetCore.Http;

namespace CodeFirst.Grpc.Internal.Protocols;

/// <summary>Converts between <see cref="Metadata"/> and HTTP headers.</summary>
internal static class MetadataHeaders
{
    // Transport headers a handler has no business with.
    private static readonly HashSet<string> Filtered = new(StringComparer.OrdinalIgnoreCase)
    {
        "content-type", "content-length", "content-encoding", "te", "host", "grpc-timeout", "grpc-encoding",
        "grpc-accept-encoding", "connect-timeout-ms", "connect-protocol-version", "connect-content-encoding",
        "connect-accept-encoding", "accept-encoding",
    };

    public static Metadata FromRequest(IHeaderDictionary headers)
    {
        var metadata = new Metadata();
        foreach (var (key, values) in headers)
        {
            if (key.StartsWith(':') || Filtered.Contains(key))
            {
                continue;
            }

            foreach (var value in values)
            {
                if (value is null)
                {
                    continue;
                }

                if (key.EndsWith(Metadata.BinaryHeaderSuffix, StringComparison.OrdinalIgnoreCase))
                {
                    if (TryDecodeBase64(value, out var bytes))
                    {
                        metadata.Add(key, bytes);
                    }
                }
                else
                {
                    metadata.Add(key, value);
                }
            }
        }

        return metadata;
    }

    public static void Append(IHeaderDictionary headers, Metadata metadata, string prefix = "")
    {
        foreach (var entry in metadata)
        {
            headers.Append(prefix + entry.Key, entry.Value);
        }
    }

    private static bool TryDecodeBase64(string value, out byte[] bytes)
    {
        // gRPC senders may omit base64 padding.
        var padded = value.Length % 4 == 0 ? value : value.PadRight(value.Length + 4 - (value.Length % 4), '=');
        try
        {
            bytes = Convert.FromBase64String(padded);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
