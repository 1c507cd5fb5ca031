using System.Net;
using System.Net.Sockets;

namespace CognitoAuth.IntegrationTests.Infrastructure;

/// <summary>A loopback port that was free a moment ago, for servers that cannot report the port they bound.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
