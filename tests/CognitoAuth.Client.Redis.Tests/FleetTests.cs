using CognitoAuth.Client.Redis.Tests.Infrastructure;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;

namespace CognitoAuth.Client.Redis.Tests;

/// <summary>
/// A fleet of client instances — separate service providers, as separate processes — sharing a real redis-server: one
/// Cognito call per token lifetime, however many instances start or renew at once.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class FleetTests(RedisServer redis) : IAsyncLifetime
{
    private const int FleetSize = 20;
    private static readonly TimeSpan UntilRenewal = TimeSpan.FromSeconds(3600 - 60);

    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero));
    private StubCognito _stub = null!;
    private TestFleet _fleet = null!;

    public async Task InitializeAsync()
    {
        _stub = await StubCognito.StartAsync();
        _fleet = new TestFleet(_stub, () => redis.Configuration, _clock);
    }

    public async Task DisposeAsync()
    {
        await _fleet.DisposeAsync();
        await _stub.DisposeAsync();
    }

    [Fact]
    public async Task TwentyInstances_StartTogether_SignInOnce()
    {
        var fleet = Fleet(FleetSize);

        var answers = await CallAllAsync(fleet);

        Assert.All(answers, answer => Assert.Equal(StubCognito.Hello, answer));
        Assert.Equal(1, _stub.SignIns);
        Assert.Equal(1, _stub.CognitoCalls);
        var token = Assert.Single(_stub.Issued);
        Assert.All(_stub.Authorizations, authorization => Assert.Equal($"Bearer {token}", authorization));
    }

    [Fact]
    public async Task TwentyInstances_RenewTogetherAtExpiry_RefreshOnce()
    {
        var fleet = Fleet(FleetSize);
        await CallAllAsync(fleet);

        _clock.Advance(UntilRenewal);
        await CallAllAsync(fleet);

        Assert.Equal(1, _stub.SignIns);
        Assert.Equal(1, _stub.Refreshes);
        Assert.Equal(2, _stub.Issued.Count);
        var renewed = _stub.Issued.Last();
        Assert.All(_stub.Authorizations.Skip(FleetSize), authorization => Assert.Equal($"Bearer {renewed}", authorization));
        // The renewal lock was released: only the entry is left.
        Assert.Single(redis.Keys(_fleet.Prefix));
    }

    [Fact]
    public async Task Fleet_ThreeTokenLifetimes_OneCognitoCallPerLifetime()
    {
        var fleet = Fleet(FleetSize);

        for (var lifetime = 0; lifetime < 3; lifetime++)
        {
            await CallAllAsync(fleet);
            await CallAllAsync(fleet);
            _clock.Advance(UntilRenewal);
        }

        Assert.Equal(3, _stub.CognitoCalls);
        Assert.Equal(1, _stub.SignIns);
    }

    [Fact]
    public async Task NewInstance_JoiningARunningFleet_UsesTheSharedTokens()
    {
        await CallAllAsync(Fleet(3));

        var late = Fleet(1).Single();
        await late.GetHelloAsync();

        Assert.Equal(1, _stub.CognitoCalls);
    }

    [Fact]
    public async Task LockHolderDies_AnotherInstanceRenewsOnceItsLeaseLapses()
    {
        var lease = TimeSpan.FromSeconds(1);
        var fleet = Fleet(5, o => o.LockLease = lease);
        await CallAllAsync(fleet);
        var entry = Assert.Single(redis.Keys(_fleet.Prefix));

        // An instance took the renewal lock and crashed before storing anything.
        _clock.Advance(UntilRenewal);
        Assert.True(await redis.Connection.GetDatabase().LockTakeAsync(entry + ":lock", "crashed-instance", lease));
        await CallAllAsync(fleet);

        Assert.Equal(1, _stub.Refreshes);
        Assert.Equal(1, _stub.SignIns);
        Assert.All(_stub.Authorizations.Skip(5), authorization => Assert.Equal($"Bearer {_stub.Issued.Last()}", authorization));
    }

    [Fact]
    public async Task TwoUsers_TwoEntries_NeitherNamingTheUserNorHoldingATokenInClear()
    {
        var first = Fleet(1).Single();
        var second = Fleet(1, username: "second-user@example.com").Single();

        await first.GetHelloAsync();
        await second.GetHelloAsync();

        Assert.Equal(2, _stub.SignIns);
        var entries = redis.Keys(_fleet.Prefix);
        Assert.Equal(2, entries.Length);
        using var cache = RawCache();
        foreach (var entry in entries)
        {
            Assert.DoesNotContain("user", entry, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("@", entry, StringComparison.Ordinal);
            var value = System.Text.Encoding.Latin1.GetString((await cache.GetAsync(entry))!);
            Assert.DoesNotContain("example.com", value, StringComparison.Ordinal);
            Assert.DoesNotContain("refresh-", value, StringComparison.Ordinal);
            Assert.All(_stub.Issued, token => Assert.DoesNotContain(token[..20], value, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task WrongEncryptionKey_OthersEntryIsNeverUsed_AndNotOverwritten()
    {
        var right = Fleet(1).Single();
        await right.GetHelloAsync();

        var wrong = Fleet(1, key: FleetInstance.NewKey()).Single();
        var answer = await wrong.GetHelloAsync();
        var sameKeyLater = Fleet(1).Single();
        await sameKeyLater.GetHelloAsync();

        Assert.Equal(StubCognito.Hello, answer);
        Assert.Equal(2, _stub.SignIns);
        Assert.Equal(2, redis.Keys(_fleet.Prefix).Length);
    }

    [Fact]
    public async Task EntrySealedWithAnotherKey_UnderThisInstancesName_ReadsAsAMiss()
    {
        var other = Fleet(1, key: FleetInstance.NewKey()).Single();
        await other.GetHelloAsync();
        var otherEntry = Assert.Single(redis.Keys(_fleet.Prefix));
        var mine = Fleet(1).Single();
        await mine.GetHelloAsync();
        var myEntry = Assert.Single(redis.Keys(_fleet.Prefix), k => k != otherEntry);
        using var cache = RawCache();
        await cache.SetAsync(myEntry, (await cache.GetAsync(otherEntry))!, new());

        var restarted = Fleet(1).Single();
        var answer = await restarted.GetHelloAsync();

        Assert.Equal(StubCognito.Hello, answer);
        Assert.Equal(3, _stub.SignIns);
        Assert.Contains(restarted.Logs.GetSnapshot(), r => r.Id.Name == "EntryUnreadable");
    }

    [Fact]
    public async Task TamperedEntry_ReadsAsAMiss_AndIsReplaced()
    {
        await Fleet(1).Single().GetHelloAsync();
        var entry = Assert.Single(redis.Keys(_fleet.Prefix));
        using var cache = RawCache();
        var value = (await cache.GetAsync(entry))!;
        value[value.Length / 2] ^= 0x01;
        await cache.SetAsync(entry, value, new());

        var next = Fleet(1).Single();
        var answer = await next.GetHelloAsync();
        var afterThat = Fleet(1).Single();
        await afterThat.GetHelloAsync();

        Assert.Equal(StubCognito.Hello, answer);
        Assert.Equal(2, _stub.SignIns);
        Assert.Contains(next.Logs.GetSnapshot(), r => r.Id.Name == "EntryUnreadable");
    }

    [Fact]
    public async Task SignOut_RemovesTheSharedEntry()
    {
        var instance = Fleet(1).Single();
        await instance.GetHelloAsync();

        await instance.Tokens.SignOutAsync(CognitoApiClientOptions.DefaultName);

        Assert.Empty(redis.Keys(_fleet.Prefix));
    }

    [Fact]
    public async Task Fleet_Logs_NeverCarryATokenThePasswordOrTheKey()
    {
        var fleet = Fleet(5);
        await CallAllAsync(fleet);
        _clock.Advance(UntilRenewal);
        await CallAllAsync(fleet);

        var secrets = _stub.Issued.Append(StubCognito.Password).Append(_fleet.Key).Append("refresh-").ToArray();
        foreach (var record in fleet.SelectMany(i => i.Logs.GetSnapshot()))
        {
            var text = record.Message + string.Join(" ", record.StructuredState?.Select(s => s.Value) ?? []);
            Assert.All(secrets, secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
        }
    }

    private List<FleetInstance> Fleet(int size, Action<CognitoRedisTokenStoreOptions>? configure = null, string? key = null, string username = FleetInstance.Username) =>
        _fleet.Start(size, configure, key, username);

    private static Task<string[]> CallAllAsync(IEnumerable<FleetInstance> fleet) => TestFleet.CallAllAsync(fleet);

    private RedisCache RawCache() => new(Options.Create(new RedisCacheOptions { Configuration = redis.Configuration }));
}
