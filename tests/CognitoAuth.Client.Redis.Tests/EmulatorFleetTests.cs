using CognitoAuth.Client.Redis.Tests.Infrastructure;
using CognitoAuth.Emulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using CognitoAuth.Testing.Emulated;

namespace CognitoAuth.Client.Redis.Tests;

/// <summary>
/// The fleet against the emulator, counted by its own request counters: 20 instances sharing Redis sign the seed user in
/// with the admin flow (SigV4, NEW_PASSWORD_REQUIRED answered) once, and renew once when the token is due.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class EmulatorFleetTests(RedisServer redis) : IAsyncLifetime
{
    private const int FleetSize = 20;

    // One clock for the emulator and the fleet; a pump keeps it moving with real time so that waits complete, and the test
    // jumps it to the renewal point.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly List<ServiceProvider> _fleet = [];
    private Timer? _pump;
    private CognitoEmulator _emulator = null!;

    public async Task InitializeAsync()
    {
        _pump = new Timer(_ => _clock.Advance(TimeSpan.FromMilliseconds(10)), null, 10, 10);
        _emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions { TimeProvider = _clock, SignatureTimeProvider = _clock });
    }

    public async Task DisposeAsync()
    {
        foreach (var instance in _fleet)
        {
            await instance.DisposeAsync();
        }

        await _pump!.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task TwentyInstances_SeedUserWithTemporaryPassword_OneSignInThenOneRefresh()
    {
        var key = FleetInstance.NewKey();
        var prefix = $"emulator-fleet-{Guid.NewGuid():N}:";
        for (var i = 0; i < FleetSize; i++)
        {
            _fleet.Add(Instance(prefix, key));
        }

        await HelloFromAllAsync();
        var afterStart = _emulator.CognitoRequests.Snapshot();
        _clock.Advance(TimeSpan.FromSeconds(3600 - 60));
        await HelloFromAllAsync();

        Assert.Equal(1, afterStart.GetValueOrDefault("AdminInitiateAuth"));
        Assert.Equal(1, afterStart.GetValueOrDefault("AdminRespondToAuthChallenge"));
        Assert.Equal(2, _emulator.CognitoRequests["AdminInitiateAuth"]);
        Assert.Equal(1, _emulator.CognitoRequests["AdminRespondToAuthChallenge"]);
        Assert.Equal(3, _emulator.CognitoRequests.Total);
        Assert.Equal(2 * FleetSize, _emulator.ApiRequests.Total);
    }

    private async Task HelloFromAllAsync()
    {
        var answers = await Task.WhenAll(_fleet.Select(instance => Task.Run(() =>
            instance.GetRequiredService<IHttpClientFactory>().CreateClient(CognitoApiClientOptions.DefaultName).GetStringAsync(new Uri("hello", UriKind.Relative)))));
        Assert.All(answers, answer => Assert.Contains("Hello from a protected API!", answer, StringComparison.Ordinal));
    }

    private ServiceProvider Instance(string prefix, string key)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddEmulatorCredentials(_emulator);
        services.AddCognitoApiClient(options => options.UseEmulator(_emulator));
        services.AddCognitoRedisTokenStore(options =>
        {
            options.Configuration = redis.Configuration;
            options.EncryptionKey = key;
            options.KeyPrefix = prefix;
        });
        return services.BuildServiceProvider();
    }
}
