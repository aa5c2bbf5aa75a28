using System.Security.Cryptography;
using System.Text;

namespace CodeFirst.Server.ControlPlane.Auth;

/// <summary>Token secrets: 32 random bytes shown once; only their SHA-256 is stored.</summary>
internal static class ApiTokens
{
    public const string Prefix = "cf_";

    public static string NewSecret() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
