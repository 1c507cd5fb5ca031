using CognitoAuth.Client.Redis.Tests.Infrastructure;

namespace CognitoAuth.Client.Redis.Tests;

/// <summary>Redis down is a slower fleet, never a failed request: each instance signs in on its own and keeps its tokens.</summary>
public sealed class RedisOutageTests : IAsyncLifetime
{
    private StubCognito _stub = null!;

    public async Task InitializeAsync() => _stub = await StubCognito.StartAsync();

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    [Fact]
    public async Task RedisUnreachable_RequestsSucceedAndTheInstanceSignsInOnce()
    {
        var nothingListening = $"127.0.0.1:{RedisServer.FreePort()},connectTimeout=300";
        await using var instance = new FleetInstance(_stub, nothingListening, TimeProvider.System, "outage:", FleetInstance.NewKey());

        var first = await instance.GetHelloAsync();
        var second = await instance.GetHelloAsync();

        Assert.Equal(StubCognito.Hello, first);
        Assert.Equal(StubCognito.Hello, second);
        Assert.Equal(1, _stub.SignIns);
        Assert.Contains(instance.Logs.GetSnapshot(), r => r.Id.Name is "StoreUnavailable" or "LockUnavailable");
    }
}
