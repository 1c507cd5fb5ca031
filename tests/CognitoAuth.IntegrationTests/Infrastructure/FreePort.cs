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

    /// <summary>Waits until something accepts connections on <paramref name="port"/>.</summary>
    public static async Task WaitUntilListeningAsync(int port, Func<bool> stillRunning, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellation.Token);
                return;
            }
            catch (SocketException) when (!cancellation.IsCancellationRequested && stillRunning())
            {
                await Task.Delay(100, cancellation.Token);
            }
        }
    }
}
