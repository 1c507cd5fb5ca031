using CognitoAuth.Client.Redis.Tests.Infrastructure;
using CognitoAuth.Emulator;
using CognitoAuth.Reference;
using CognitoAuth.Testing.Emulated;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CognitoAuth.Client.Redis.Tests;

/// <summary>
/// A fleet sharing Redis is one remembered device (<see cref="CognitoApiClientOptions.RememberDevice"/>): against the emulator,
/// in a pool that requires TOTP MFA and tracks devices, the fleet's one sign-in answers the code and confirms one device,
/// kept in the encrypted Redis entry; once the tokens are gone for good, new instances with no TOTP secret sign in once, on
/// that device alone.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class EmulatorDeviceFleetTests(RedisServer redis) : IAsyncLifetime
{
    private const int FleetSize = 5;

    // One clock for the emulator and the fleet; a pump keeps it moving with real time so that waits complete.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly List<ServiceProvider> _instances = [];
    private Timer? _pump;
    private CognitoEmulator _emulator = null!;

    public async Task InitializeAsync()
    {
        _pump = new Timer(_ => _clock.Advance(TimeSpan.FromMilliseconds(10)), null, 10, 10);
        _emulator = await CognitoEmulator.StartAsync(new CognitoEmulatorOptions
        {
            TimeProvider = _clock,
            SignatureTimeProvider = _clock,
            RefreshTokenLifetime = TimeSpan.FromHours(2),
        });
    }

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        await _pump!.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task Fleet_MfaRequiredPool_OneDeviceForTheFleet_ItsProofReplacesTheCode()
    {
        // The seed user enrols an authenticator while MFA is optional; then the pool requires it and tracks devices.
        var enrolling = Instance(configure: null, redisPrefix: null, key: null);
        var secret = (await enrolling.GetRequiredService<ICognitoTotpEnrolment>().EnrolAsync(CognitoApiClientOptions.DefaultName, "fleet")).Secret;
        await _emulator.RequireMfaAndTrackDevicesAsync(enrolling);
        _clock.Advance(TimeSpan.FromSeconds(30)); // the enrolment spent this step's code

        var key = FleetInstance.NewKey();
        var prefix = $"device-fleet-{Guid.NewGuid():N}:";
        var fleet = Enumerable.Range(0, FleetSize).Select(_ => Instance(o => RememberDevice(o, secret), prefix, key)).ToList();
        await HelloFromAllAsync(fleet);
        var device = (await fleet[0].GetRequiredService<ICognitoTokenProvider>().GetTokensAsync(CognitoApiClientOptions.DefaultName)).Device;
        var afterFirst = _emulator.CognitoRequests.Snapshot();

        _clock.Advance(TimeSpan.FromHours(3)); // access and refresh tokens expired: the Redis entry keeps the device
        var newcomers = Enumerable.Range(0, FleetSize).Select(_ => Instance(o => RememberDevice(o, totpSecret: null), prefix, key)).ToList();
        await HelloFromAllAsync(newcomers);
        var renewed = await newcomers[^1].GetRequiredService<ICognitoTokenProvider>().GetTokensAsync(CognitoApiClientOptions.DefaultName);

        Assert.NotNull(device);
        Assert.Equal(1, afterFirst.GetValueOrDefault("ConfirmDevice"));
        Assert.Equal(1, afterFirst.GetValueOrDefault("UpdateDeviceStatus"));
        Assert.Equal(device.DeviceKey, renewed.Device?.DeviceKey);
        Assert.Equal(1, _emulator.CognitoRequests["ConfirmDevice"]);

        // One renewal for the newcomers: a refused refresh, then one sign-in answering DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER.
        Assert.Equal(afterFirst.GetValueOrDefault("AdminRespondToAuthChallenge") + 2, _emulator.CognitoRequests["AdminRespondToAuthChallenge"]);
    }

    private static void RememberDevice(CognitoApiClientOptions options, string? totpSecret)
    {
        options.Password = ReferenceStack.TestUser.NewPassword; // set by the enrolling instance's sign-in
        options.NewPassword = null;
        options.TotpSecret = totpSecret;
        options.RememberDevice = true;
    }

    private static async Task HelloFromAllAsync(IEnumerable<ServiceProvider> instances)
    {
        var answers = await Task.WhenAll(instances.Select(instance => Task.Run(() =>
            instance.GetRequiredService<IHttpClientFactory>().CreateClient(CognitoApiClientOptions.DefaultName).GetStringAsync(new Uri("hello", UriKind.Relative)))));
        Assert.All(answers, answer => Assert.Contains("Hello from a protected API!", answer, StringComparison.Ordinal));
    }

    private ServiceProvider Instance(Action<CognitoApiClientOptions>? configure, string? redisPrefix, string? key)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddEmulatorCredentials(_emulator);
        services.AddCognitoApiClient(options =>
        {
            options.UseEmulator(_emulator);
            configure?.Invoke(options);
        });
        if (redisPrefix is not null)
        {
            services.AddCognitoRedisTokenStore(options =>
            {
                options.Configuration = redis.Configuration;
                options.EncryptionKey = key;
                options.KeyPrefix = redisPrefix;
            });
        }

        var provider = services.BuildServiceProvider();
        _instances.Add(provider);
        return provider;
    }
}
