namespace CodeFirst.Grpc;

public sealed partial class Metadata
{
    /// <summary>One header; a <c>-bin</c> key holds bytes, any other key an ASCII string.</summary>
    public sealed class Entry
    {
        private readonly string? _value;
        private readonly byte[]? _valueBytes;

        public Entry(string key, string value)
        {
            Key = NormalizeKey(key);
            if (IsBinary)
            {
                throw new ArgumentException($"Key '{key}' ends in '{BinaryHeaderSuffix}' and needs a byte[] value.", nameof(key));
            }

            _value = value ?? throw new ArgumentNullException(nameof(value));
        }

        public Entry(string key, byte[] valueBytes)
        {
            Key = NormalizeKey(key);
            if (!IsBinary)
            {
                throw new ArgumentException($"Key '{key}' needs the '{BinaryHeaderSuffix}' suffix to carry bytes.", nameof(key));
            }

            _valueBytes = valueBytes ?? throw new ArgumentNullException(nameof(valueBytes));
        }

        public string Key { get; }

        public bool IsBinary => Key.EndsWith(BinaryHeaderSuffix, StringComparison.Ordinal);

        /// <summary>The string value; for a binary entry, its base64 form.</summary>
        public string Value => _value ?? Convert.ToBase64String(_valueBytes!);

        /// <summary>The bytes of a binary entry; for a string entry, its ASCII bytes.</summary>
        public byte[] ValueBytes => _valueBytes ?? System.Text.Encoding.ASCII.GetBytes(_value!);

        public override string ToString() => $"{Key}: {Value}";

        private static string NormalizeKey(string key)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(key);
            return key.ToLowerInvariant();
        }
    }
}
