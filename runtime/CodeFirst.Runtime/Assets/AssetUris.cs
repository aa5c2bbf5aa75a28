namespace CodeFirst.Runtime.Assets;

/// <summary>What an asset URI may contain: what the schedule grammar can name.</summary>
internal static class AssetUris
{
    /// <exception cref="ArgumentException">The URI is empty or holds whitespace, '&amp;', '|', '(' or ')'.</exception>
    public static void Validate(string uri)
    {
        if (string.IsNullOrWhiteSpace(uri) || uri.Any(c => char.IsWhiteSpace(c) || c is '&' or '|' or '(' or ')'))
            throw new ArgumentException($"Asset URI '{uri}' is invalid: it must be non-empty and contain no whitespace, '&', '|', '(' or ')'.", nameof(uri));
    }
}
