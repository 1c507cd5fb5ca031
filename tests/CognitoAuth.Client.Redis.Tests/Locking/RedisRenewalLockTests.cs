using CognitoAuth.Client.Redis.Locking;
using CognitoAuth.Client.Redis.Storage;
using CognitoAuth.Client.Redis.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace CognitoAuth.Client.Redis.Tests.Locking;

/// <summary>
/// The renewal lock on a real redis-server, its timing on a fake clock the test moves: the holder re-arms its lease every third
/// of it, only while the lock is still its own and never past the hold limit; a waiter gives up at the hold limit; disposing the
/// application stops every heartbeat. Redis's own expiry runs in real time, so each test shortens a key's expiry itself and
/// moves the clock until the heartbeat has (or has not) re-armed it.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisRenewalLockTests(RedisServer redis) : IAsyncLifetime
{
    private const string StoreKey = "https://cognito-idp.ap-northeast-1.amazonaws.com/|ap-northeast-1_Pool|client|alice@example.com";
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan HoldLimit = TimeSpan.FromSeconds(40);
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero));
    private ServiceProvider _provider = null!;
    private RedisRenewalLock _lock = null!;
    private RedisKey _lockName;

    private IDatabase Redis => redis.Connection.GetDatabase();

    private FakeLogCollector Logs => _provider.GetFakeLogCollector();

    public Task InitializeAsync()
    {
        _provider = Provider(o => o.Configuration = redis.Configuration);
        _lock = _provider.GetRequiredService<RedisRenewalLock>();
        _lockName = _provider.GetRequiredService<TokenProtector>().LockName(StoreKey);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    [Fact]
    public async Task Lease_RenewalOutlastsTheLease_ReArmedEveryThirdOfIt()
    {
        await using var lease = await AcquireAsync();

        for (var beat = 0; beat < 3; beat++)
        {
            // As if most of the lease had gone by: the heartbeat must put it back before it runs out.
            await Redis.KeyExpireAsync(_lockName, TimeSpan.FromSeconds(2));
            var waited = await AdvanceUntilAsync(async () => await Redis.KeyTimeToLiveAsync(_lockName) > TimeSpan.FromSeconds(5), Lease);

            Assert.InRange(waited, TimeSpan.Zero, (Lease / 3) + (5 * Step));
        }

        Assert.InRange((await Redis.KeyTimeToLiveAsync(_lockName))!.Value, TimeSpan.FromSeconds(5), Lease);
    }

    [Fact]
    public async Task Lease_Disposed_ReleasesTheLockAndStopsBeating()
    {
        var lease = Assert.IsType<RenewalLease>(await AcquireAsync());

        await lease.DisposeAsync();

        Assert.False(await Redis.KeyExistsAsync(_lockName));
        await lease.Heartbeat.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Lease_LockLapsedAndTakenByAnother_IsNeitherReArmedNorReleased()
    {
        await using (var lease = await AcquireAsync())
        {
            // Ours lapsed (say, the process stalled past the lease) and another instance took the lock.
            await Redis.StringSetAsync(_lockName, "another-instance", TimeSpan.FromSeconds(5));

            await AdvanceUntilAsync(() => Task.FromResult(Logged("LockLost")), Lease);

            Assert.Equal("another-instance", (string?)await Redis.StringGetAsync(_lockName));
            Assert.InRange((await Redis.KeyTimeToLiveAsync(_lockName))!.Value, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        }

        Assert.Equal("another-instance", (string?)await Redis.StringGetAsync(_lockName));
    }

    [Fact]
    public async Task Lease_HeldToTheHoldLimit_StopsReArmingSoTheLockLapses()
    {
        var lease = Assert.IsType<RenewalLease>(await AcquireAsync());

        var held = await AdvanceUntilAsync(() => Task.FromResult(Logged("LockHoldLimitReached")), HoldLimit + Lease);
        await lease.Heartbeat.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.InRange(held, HoldLimit, HoldLimit + (Lease / 3) + (5 * Step));
        // The last re-arm reached exactly to the hold limit: what is left is real time the fake clock did not spend.
        var left = await Redis.KeyTimeToLiveAsync(_lockName);
        Assert.True(left is null || left <= Lease / 3, $"The lock still had {left} to run.");
        await lease.DisposeAsync();
    }

    [Fact]
    public async Task Acquire_WhileALiveHolderKeepsTheLock_WaitsUpToTheHoldLimitThenRenewsAlone()
    {
        await Redis.StringSetAsync(_lockName, "holder-that-never-finishes", TimeSpan.FromMinutes(5));
        var looked = 0;
        var start = _clock.GetUtcNow();

        var acquiring = _lock.AcquireAsync(StoreKey, _ => new ValueTask<bool>(Interlocked.Increment(ref looked) < 0), CancellationToken.None).AsTask();
        await AdvanceUntilAsync(() => Task.FromResult(acquiring.IsCompleted), HoldLimit + Lease);
        var waited = _clock.GetUtcNow() - start;
        var lease = await acquiring;

        Assert.NotNull(lease);
        Assert.IsNotType<RenewalLease>(lease);
        Assert.InRange(waited, HoldLimit, HoldLimit + TimeSpan.FromSeconds(1));
        Assert.True(Logged("LockWaitExceeded"));
        Assert.True(looked > 100, $"The store was looked at {looked} times while waiting.");
        Assert.Equal("holder-that-never-finishes", (string?)await Redis.StringGetAsync(_lockName));
    }

    [Fact]
    public async Task Acquire_ResultStoredMeanwhile_ReturnsNoLease()
    {
        await Redis.StringSetAsync(_lockName, "holder", TimeSpan.FromMinutes(5));
        var stored = false;

        var acquiring = _lock.AcquireAsync(StoreKey, _ => new ValueTask<bool>(Volatile.Read(ref stored)), CancellationToken.None).AsTask();
        await AdvanceUntilAsync(() => Task.FromResult(Logged("WaitingForRenewal")), Lease);
        Volatile.Write(ref stored, true);
        await AdvanceUntilAsync(() => Task.FromResult(acquiring.IsCompleted), Lease);

        Assert.Null(await acquiring);
    }

    [Fact]
    public async Task DisposeProvider_StopsTheHeartbeatOfALeaseStillHeld()
    {
        // The application's own connection, which the provider leaves open: only the lock's own stop can end the heartbeat.
        var services = new ServiceCollection().AddSingleton<IConnectionMultiplexer>(redis.Connection);
        var provider = Provider(o => o.Configuration = null, services);
        var lockName = provider.GetRequiredService<TokenProtector>().LockName(StoreKey);
        var lease = Assert.IsType<RenewalLease>(await provider.GetRequiredService<RedisRenewalLock>().AcquireAsync(StoreKey, _ => default, CancellationToken.None));

        await provider.DisposeAsync();
        await Redis.KeyExpireAsync(lockName, TimeSpan.FromSeconds(3));
        await AdvanceUntilAsync(() => Task.FromResult(lease.Heartbeat.IsCompleted), Lease);
        for (var i = 0; i < 10; i++)
        {
            _clock.Advance(Lease / 3);
            await Task.Delay(20);
        }

        Assert.InRange((await Redis.KeyTimeToLiveAsync(lockName))!.Value, TimeSpan.Zero, TimeSpan.FromSeconds(3));
        Assert.True(redis.Connection.IsConnected);
        await Redis.KeyDeleteAsync(lockName);
    }

    private async Task<IAsyncDisposable> AcquireAsync()
    {
        var lease = await _lock.AcquireAsync(StoreKey, _ => default, CancellationToken.None);
        Assert.IsType<RenewalLease>(lease);
        Assert.InRange((await Redis.KeyTimeToLiveAsync(_lockName))!.Value, Lease - TimeSpan.FromSeconds(1), Lease);
        return lease;
    }

    /// <summary>Moves the fake clock a step at a time, giving the lock's continuations real time to run, until <paramref name="done"/>.</summary>
    private async Task<TimeSpan> AdvanceUntilAsync(Func<Task<bool>> done, TimeSpan atMost)
    {
        var start = _clock.GetUtcNow();
        while (!await done())
        {
            Assert.True(_clock.GetUtcNow() - start <= atMost, $"Not done after {atMost} on the fake clock.");
            _clock.Advance(Step);
            await Task.Delay(5);
        }

        return _clock.GetUtcNow() - start;
    }

    private bool Logged(string eventName) => Logs.GetSnapshot().Any(record => record.Id.Name == eventName);

    private ServiceProvider Provider(Action<CognitoRedisTokenStoreOptions> configure, IServiceCollection? services = null)
    {
        services ??= new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddFakeLogging());
        services.AddSingleton<TimeProvider>(_clock);
        services.AddCognitoRedisTokenStore(options =>
        {
            options.EncryptionKey = FleetInstance.NewKey();
            options.KeyPrefix = $"lock-{Guid.NewGuid():N}:";
            configure(options);
        });
        return services.BuildServiceProvider();
    }
}
