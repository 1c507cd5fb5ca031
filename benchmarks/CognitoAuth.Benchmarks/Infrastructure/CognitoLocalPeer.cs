using CognitoAuth.Testing.Peers;

namespace CognitoAuth.Benchmarks.Infrastructure;

/// <summary>
/// cognito-local (the shared <see cref="CognitoLocalProcess"/>, its request log off) with one pool, one app client and one
/// confirmed user: the peer the emulator is compared with.
/// </summary>
internal sealed class CognitoLocalPeer : IAsyncDisposable
{
    public const string Username = "bench-user@example.com";
    public const string Password = "BenchPass123!";

    private readonly CognitoLocalProcess _process;

    private CognitoLocalPeer(CognitoLocalProcess process, string userPoolId, string clientId)
    {
        _process = process;
        UserPoolId = userPoolId;
        ClientId = clientId;
    }

    public Uri Endpoint => _process.Endpoint;

    public string UserPoolId { get; }

    public string ClientId { get; }

    public static async Task<CognitoLocalPeer> StartAsync()
    {
        var process = await CognitoLocalProcess.StartAsync(quiet: true);
        try
        {
            var (poolId, clientId) = await process.CreatePoolAndClientAsync("bench");
            await process.CreateConfirmedUserAsync(poolId, Username, Password);
            return new CognitoLocalPeer(process, poolId, clientId);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
