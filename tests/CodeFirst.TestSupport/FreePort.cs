using System.Net;
using System.Net.Sockets;

namespace CodeFirst.TestSupport;

/// <summary>A loopback port free right now, for a server a test starts on a fixed address.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
