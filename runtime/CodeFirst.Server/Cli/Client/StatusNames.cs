using System.Text;
using CodeFirst.Grpc;

namespace CodeFirst.Server.Cli.Client;

/// <summary>gRPC's canonical code names: NotFound → NOT_FOUND.</summary>
internal static class StatusNames
{
    public static string Name(StatusCode code)
    {
        if (code == StatusCode.OK) return "OK";
        var name = code.ToString();
        if (int.TryParse(name, out _)) return $"UNKNOWN_STATUS_{name}";
        var builder = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i])) builder.Append('_');
            builder.Append(char.ToUpperInvariant(name[i]));
        }
        return builder.ToString();
    }
}
