using System.Collections;

namespace CodeFirst.Grpc;

/// <summary>
/// Request headers, response headers or trailers. Keys are lower-case; keys ending in
/// <c>-bin</c> carry bytes (base64 on the wire), all others ASCII strings.
/// </summary>
public sealed partial class Metadata : IReadOnlyList<Metadata.Entry>
{
    public const string BinaryHeaderSuffix = "-bin";

    private readonly List<Entry> _entries = [];

    public int Count => _entries.Count;

    public Entry this[int index] => _entries[index];

    public Metadata Add(string key, string value)
    {
        _entries.Add(new Entry(key, value));
        return this;
    }

    public Metadata Add(string key, byte[] valueBytes)
    {
        _entries.Add(new Entry(key, valueBytes));
        return this;
    }

    public Metadata Add(Entry entry)
    {
        _entries.Add(entry);
        return this;
    }

    /// <summary>The last entry with the key, as grpc-dotnet does.</summary>
    public Entry? Get(string key)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return _entries[i];
            }
        }

        return null;
    }

    public string? GetValue(string key) => Get(key)?.Value;

    public byte[]? GetValueBytes(string key) => Get(key)?.ValueBytes;

    public IEnumerable<Entry> GetAll(string key) =>
        _entries.Where(e => string.Equals(e.Key, key, StringComparison.OrdinalIgnoreCase));

    public IEnumerator<Entry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
