using CognitoAuth.Client.Redis.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CognitoAuth.Client.Redis.Tests;

/// <summary>
/// Redis down is a slower fleet, never a failed request: each instance renews on its own and keeps its tokens; once Redis is
/// back, the fleet shares one renewal again. In the Redis collection though it starts its own server: its fleet then never runs
/// alongside the other fleets, whose timing it would disturb.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int FleetSize = 20;
    private static readonly TimeSpan UntilRenewal = TimeSpan.FromSeconds(3600 - 60);

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

    /// <summary>
    /// A redis-server of this test's own, killed while one instance of 20 is redeeming the shared (rotating) refresh token and
    /// the others wait for it, then started again on the same port, empty, as after a crash without persistence.
    /// </summary>
    [Fact]
    public async Task RedisLostMidRenewal_EachInstanceRenewsAloneWithNoFailedRequest_ThenTheFleetSharesAgain()
    {
        await using var redis = new RedisServer();
        await redis.InitializeAsync();
        var clock = new ManualClock(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero));
        _stub.RotateRefreshTokens = true;
        await using var fleet = new TestFleet(_stub, () => redis.Configuration, clock);
        var instances = fleet.Start(FleetSize);
        await TestFleet.CallAllAsync(instances);

        // Lost while the holder's GetTokensFromRefreshToken is at Cognito: its result cannot be stored, and the waiters lose
        // the lock they wait on.
        var lost = 0;
        _stub.BeforeAnswer = async operation =>
        {
            if (operation == "GetTokensFromRefreshToken" && Interlocked.Exchange(ref lost, 1) == 0)
            {
                await redis.StopAsync();
            }
        };
        clock.Advance(UntilRenewal);
        var duringOutage = await CountAsync(() => TestFleet.CallAllAsync(instances));

        Assert.Equal(1, lost);
        Assert.Equal(1, duringOutage.TokensFromRefreshToken);
        Assert.Equal(FleetSize - 1, duringOutage.SignIns);
        Assert.Contains(fleet.Logs, r => r.Id.Name == "LockUnavailable");
        Assert.Contains(fleet.Logs, r => r.Id.Name == "StoreUnavailable");

        // Back, empty. Each instance's own connection comes back by itself.
        await redis.StartAsync();
        foreach (var instance in instances)
        {
            for (var attempt = 0; !await instance.IsConnectedToRedisAsync(); attempt++)
            {
                Assert.True(attempt < 300, "An instance did not reconnect to Redis within 30 s.");
                await Task.Delay(100);
            }
        }

        fleet.ClearLogs();
        clock.Advance(UntilRenewal);
        var firstAfter = await CountAsync(() => TestFleet.CallAllAsync(instances));
        clock.Advance(UntilRenewal);
        var secondAfter = await CountAsync(() => TestFleet.CallAllAsync(instances));

        output.WriteLine($"Redis lost mid-renewal: {duringOutage}; first expiry after it came back: {firstAfter}; the next: {secondAfter}");
        // Redis came back empty: the one renewal is a sign-in; the next expiry, a refresh again. One for the fleet either way.
        Assert.Equal((1, 0), (firstAfter.SignIns, firstAfter.TokensFromRefreshToken));
        Assert.Equal((0, 1), (secondAfter.SignIns, secondAfter.TokensFromRefreshToken));
        Assert.All([duringOutage, firstAfter, secondAfter], phase => Assert.Equal(0, phase.ReuseErrors));
        Assert.Equal(1, firstAfter.DistinctTokens);
        Assert.Equal(1, secondAfter.DistinctTokens);
        Assert.DoesNotContain(fleet.Logs, r => r.Id.Name is "StoreUnavailable" or "LockUnavailable" or "LockWaitExceeded");
    }

    /// <summary>Runs one round of calls (all of which must succeed) and counts what it cost at Cognito.</summary>
    private async Task<Phase> CountAsync(Func<Task<string[]>> round)
    {
        var (signIns, refreshes, reuse, called) = (_stub.SignIns, _stub.TokensFromRefreshToken, _stub.ReuseErrors, _stub.Authorizations.Count);

        var answers = await round();

        Assert.All(answers, answer => Assert.Equal(StubCognito.Hello, answer));
        return new Phase(
            answers.Length,
            _stub.SignIns - signIns,
            _stub.TokensFromRefreshToken - refreshes,
            _stub.ReuseErrors - reuse,
            _stub.Authorizations.Skip(called).Distinct().Count());
    }

    private sealed record Phase(int Requests, int SignIns, int TokensFromRefreshToken, int ReuseErrors, int DistinctTokens)
    {
        public override string ToString() =>
            $"{Requests} requests, all answered; {SignIns} sign-ins, {TokensFromRefreshToken} GetTokensFromRefreshToken, {ReuseErrors} reuse errors, {DistinctTokens} distinct bearer tokens";
    }
}
