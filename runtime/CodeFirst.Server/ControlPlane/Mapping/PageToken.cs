using System.Globalization;
using System.Text;

namespace CodeFirst.Server.ControlPlane.Mapping;

/// <summary>Opaque page tokens (an offset, base64) and page sizes, validated with errors naming the field.</summary>
internal static class PageToken
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;
    private const string Prefix = "offset:";

    public static int Size(int requested) => requested switch
    {
        < 0 => throw new ArgumentException($"page_size must not be negative, but it is {requested}.", "page_size"),
        0 => DefaultPageSize,
        _ => Math.Min(requested, MaxPageSize),
    };

    public static int Offset(string token)
    {
        if (string.IsNullOrEmpty(token)) return 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.StartsWith(Prefix, StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                return offset;
            }
        }
        catch (FormatException)
        {
        }

        throw new ArgumentException($"page_token '{token}' is not a token this server issued; pass next_page_token from the previous page.", "page_token");
    }

    /// <summary>The token of the next page, or "" when this page was the last.</summary>
    public static string Next(int offset, int pageSize, int total) =>
        offset + pageSize < total ? Convert.ToBase64String(Encoding.UTF8.GetBytes(Prefix + (offset + pageSize).ToString(CultureInfo.InvariantCulture))) : "";
}
