using CognitoAuth.Client.Redis.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace CognitoAuth.Client.Redis.Tests;

/// <summary>
/// The renewal lock holds for as long as one slow or throttled renewal runs: of 20 instances sharing a rotating refresh token,
/// exactly one renews (one <c>GetTokensFromRefreshToken</c>), the others wait for its result, and Cognito never sees two
/// calls at once. The lease is 1 s of real time, shorter than each renewal here, so a lock that is not re-armed lapses inside
/// it. Each test signs the fleet in first (that round also warms the process up) and counts the renewal that follows.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class FleetSlowCognitoTests(RedisServer redis, ITestOutputHelper output) : IAsyncLifetime
{
    private const int FleetSize = 20;
    private const string Rotate = "GetTokensFromRefreshToken";
    private static readonly TimeSpan UntilRenewal = TimeSpan.FromSeconds(3600 - 60);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(1);

    private StubCognito _stub = null!;

    public async Task InitializeAsync()
    {
        _stub = await StubCognito.StartAsync();
        _stub.RotateRefreshTokens = true;
    }

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    public static TheoryData<string> Scenarios => ["every call answers after 5 s", "answers after 30 s twice", "throttled 3 times", "throttled, after 30 s, throttled"];

    /// <summary>
    /// Cognito's faults on one fake clock that the fleet and the stub share, pumped at 10× real time: the client's 10 s attempt
    /// timeout, its backoffs and the stub's slow answers take a tenth of their time, in their real order.
    /// </summary>
    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task TwentyInstances_SlowOrThrottledRenewal_OneInstanceRenewsTheOthersWaitForIt(string scenario)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero));
        _stub.Clock = clock;
        await using var pump = new ClockPump(clock, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(10));
        await using var fleet = new TestFleet(_stub, () => redis.Configuration, clock);
        var instances = fleet.Start(FleetSize, o => o.LockLease = Lease);
        await TestFleet.CallAllAsync(instances);

        switch (scenario)
        {
            case "every call answers after 5 s":
                // A renewing instance's first refresh is REFRESH_TOKEN_AUTH (refused) and then GetTokensFromRefreshToken: 10 s.
                _stub.Latency = TimeSpan.FromSeconds(5);
                break;
            case "answers after 30 s twice":
                // Two attempts time out after 10 s each; the third answers: about 22 s with the backoffs.
                _stub.Enqueue(Rotate, StubFault.Slow(TimeSpan.FromSeconds(30)), StubFault.Slow(TimeSpan.FromSeconds(30)));
                break;
            case "throttled 3 times":
                _stub.Enqueue(Rotate, StubFault.Throttle(), StubFault.Throttle(), StubFault.Throttle());
                break;
            default:
                _stub.Enqueue(Rotate, StubFault.Throttle(), StubFault.Slow(TimeSpan.FromSeconds(30)), StubFault.Throttle());
                break;
        }

        var renewal = await RenewTogetherAsync(fleet, instances, clock, () => clock.Advance(UntilRenewal));

        output.WriteLine($"{scenario}: {renewal}");
        renewal.AssertOneRenewalTheOthersWaited(_stub);
    }

    /// <summary>The same on the system's timers: Cognito answers each renewal call after 1 s of real time, twice the lease in all.</summary>
    [Fact]
    public async Task TwentyInstances_RenewalTwiceAsLongAsTheLeaseInRealTime_OneInstanceRenews()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero));
        await using var fleet = new TestFleet(_stub, () => redis.Configuration, clock);
        var instances = fleet.Start(FleetSize, o => o.LockLease = Lease);
        await TestFleet.CallAllAsync(instances);

        _stub.Latency = TimeSpan.FromSeconds(1);
        var renewal = await RenewTogetherAsync(fleet, instances, clock, () => clock.Advance(UntilRenewal));

        output.WriteLine(renewal.ToString());
        renewal.AssertOneRenewalTheOthersWaited(_stub);
    }

    /// <summary>Moves every instance's tokens to their renewal point and calls from all at once, counting what that renewal cost.</summary>
    private async Task<Renewal> RenewTogetherAsync(TestFleet fleet, List<FleetInstance> instances, TimeProvider clock, Action toRenewalPoint)
    {
        fleet.ClearLogs();
        _stub.ResetMaxConcurrentCalls();
        var before = new Counts(_stub);
        var calledBefore = _stub.Authorizations.Count;
        var started = DateTimeOffset.UtcNow;
        toRenewalPoint();
        var renewalPoint = clock.GetUtcNow();

        var answers = await TestFleet.CallAllAsync(instances);

        return new Renewal(
            answers,
            _stub.Authorizations.Skip(calledBefore).ToArray(),
            new Counts(_stub) - before,
            _stub.MaxConcurrentCalls,
            DateTimeOffset.UtcNow - started,
            clock.GetUtcNow() - renewalPoint,
            fleet.Logs.Select(record => record.Id.Name ?? string.Empty).Where(name => name.StartsWith("Lock", StringComparison.Ordinal)).ToArray());
    }

    private sealed record Counts(int Requests, int SignIns, int TokensFromRefreshToken, int RefusedRefreshTokenAuths, int Throttled, int ReuseErrors, int GraceReuses)
    {
        public Counts(StubCognito stub)
            : this(stub.Requests, stub.SignIns, stub.TokensFromRefreshToken, stub.RefusedRefreshTokenAuths, stub.Throttled, stub.ReuseErrors, stub.GraceReuses)
        {
        }

        public static Counts operator -(Counts after, Counts before) => new(
            after.Requests - before.Requests,
            after.SignIns - before.SignIns,
            after.TokensFromRefreshToken - before.TokensFromRefreshToken,
            after.RefusedRefreshTokenAuths - before.RefusedRefreshTokenAuths,
            after.Throttled - before.Throttled,
            after.ReuseErrors - before.ReuseErrors,
            after.GraceReuses - before.GraceReuses);
    }

    private sealed record Renewal(string[] Answers, string[] Authorizations, Counts Cost, int MaxConcurrentCalls, TimeSpan RealTime, TimeSpan ClockTime, string[] LockEvents)
    {
        public void AssertOneRenewalTheOthersWaited(StubCognito stub)
        {
            Assert.All(Answers, answer => Assert.Equal(StubCognito.Hello, answer));
            Assert.Equal(1, Cost.TokensFromRefreshToken);
            Assert.Equal(0, Cost.SignIns);
            Assert.Equal(0, Cost.ReuseErrors);
            Assert.Equal(0, Cost.GraceReuses);
            Assert.Equal(1, MaxConcurrentCalls);
            Assert.All(Authorizations, authorization => Assert.Equal($"Bearer {stub.Issued.Last()}", authorization));
            Assert.DoesNotContain(LockEvents, name => name is "LockWaitExceeded" or "LockLost" or "LockUnavailable" or "LockHoldLimitReached");
        }

        public override string ToString() =>
            $"{Answers.Length} requests answered in {RealTime.TotalSeconds:0.0} s real time ({ClockTime.TotalSeconds:0.0} s on the test's clock); Cognito requests {Cost.Requests}: " +
            $"GetTokensFromRefreshToken {Cost.TokensFromRefreshToken}, REFRESH_TOKEN_AUTH refused {Cost.RefusedRefreshTokenAuths}, throttled {Cost.Throttled}, " +
            $"sign-ins {Cost.SignIns}, reuse errors {Cost.ReuseErrors}; most calls at once {MaxConcurrentCalls}; lock events [{string.Join(", ", LockEvents.Distinct())}]";
    }
}
