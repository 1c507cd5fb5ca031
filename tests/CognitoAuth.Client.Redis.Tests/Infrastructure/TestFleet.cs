using Microsoft.Extensions.Logging.Testing;

namespace CognitoAuth.Client.Redis.Tests.Infrastructure;

/// <summary>
/// The instances of one test's fleet: each its own service provider (as its own process), all sharing one Redis, one
/// <see cref="StubCognito"/>, one clock, one key prefix and encryption key; disposed together.
/// </summary>
internal sealed class TestFleet(StubCognito stub, Func<string> redisConfiguration, TimeProvider clock) : IAsyncDisposable
{
    private readonly List<FleetInstance> _instances = [];

    public string Prefix { get; } = $"fleet-{Guid.NewGuid():N}:";

    public string Key { get; } = FleetInstance.NewKey();

    public IReadOnlyList<FleetInstance> Instances => _instances;

    /// <summary>Every log record of every instance.</summary>
    public IEnumerable<FakeLogRecord> Logs => _instances.SelectMany(instance => instance.Logs.GetSnapshot());

    /// <summary>Forgets every log record so far, so that a test looks at one phase only.</summary>
    public void ClearLogs() => _instances.ForEach(instance => instance.Logs.Clear());

    public List<FleetInstance> Start(int size, Action<CognitoRedisTokenStoreOptions>? configure = null, string? key = null, string username = FleetInstance.Username)
    {
        var started = Enumerable.Range(0, size)
            .Select(_ => new FleetInstance(stub, redisConfiguration(), clock, Prefix, key ?? Key, username, configure))
            .ToList();
        _instances.AddRange(started);
        return started;
    }

    /// <summary>One API call from each instance, all at once, each on its own thread-pool item.</summary>
    public static Task<string[]> CallAllAsync(IEnumerable<FleetInstance> instances) =>
        Task.WhenAll(instances.Select(instance => Task.Run(instance.GetHelloAsync)));

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }
    }
}
