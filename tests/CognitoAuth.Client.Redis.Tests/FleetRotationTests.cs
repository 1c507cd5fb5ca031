using CognitoAuth.Client.Redis.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CognitoAuth.Client.Redis.Tests;

/// <summary>
/// A fleet sharing one rotating refresh token: the app client answers <c>GetTokensFromRefreshToken</c> with a new refresh
/// token each time and retires the old one, so two instances redeeming the same one would be one reuse too many. The
/// renewal lock makes one instance redeem it per expiry and the others take the result from Redis.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class FleetRotationTests(RedisServer redis, ITestOutputHelper output) : IAsyncLifetime
{
    private const int FleetSize = 20;
    private const int Expiries = 6;
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

    [Theory]
    [InlineData(0)]
    [InlineData(60)]
    public async Task TwentyInstances_RotationOn_SixExpiries_OneRefreshPerExpiryOneSignInNoReuse(int graceSeconds)
    {
        _stub.RotateRefreshTokens = true;
        _stub.RetryGracePeriod = TimeSpan.FromSeconds(graceSeconds);
        var fleet = _fleet.Start(FleetSize);
        await TestFleet.CallAllAsync(fleet);

        for (var expiry = 1; expiry <= Expiries; expiry++)
        {
            _clock.Advance(UntilRenewal);
            var calledBefore = _stub.Authorizations.Count;
            await TestFleet.CallAllAsync(fleet);
            await TestFleet.CallAllAsync(fleet);

            // Every instance calls with this expiry's one renewed token.
            var renewed = _stub.Issued.Last();
            Assert.All(_stub.Authorizations.Skip(calledBefore), authorization => Assert.Equal($"Bearer {renewed}", authorization));
        }

        output.WriteLine(
            $"grace {graceSeconds} s: sign-ins {_stub.SignIns}, GetTokensFromRefreshToken {_stub.TokensFromRefreshToken}, REFRESH_TOKEN_AUTH refused " +
            $"{_stub.RefusedRefreshTokenAuths}, reuse errors {_stub.ReuseErrors}, most calls at once {_stub.MaxConcurrentCalls}, API calls {_stub.Authorizations.Count}");
        Assert.Equal(1, _stub.SignIns);
        Assert.Equal(Expiries, _stub.TokensFromRefreshToken);
        Assert.Equal(0, _stub.ReuseErrors);
        Assert.Equal(0, _stub.GraceReuses);
        Assert.Equal(0, _stub.RefreshTokenAuths);
        Assert.Equal(1, _stub.MaxConcurrentCalls);
        // Each instance that renews tries REFRESH_TOKEN_AUTH once, is refused, and remembers GetTokensFromRefreshToken.
        Assert.InRange(_stub.RefusedRefreshTokenAuths, 1, Expiries);

        // A new refresh token at every expiry, and each instance holds the latest.
        Assert.Equal(Expiries + 1, _stub.IssuedRefreshTokens.Distinct().Count());
        var latest = _stub.IssuedRefreshTokens.Last();
        foreach (var instance in fleet)
        {
            Assert.Equal(latest, (await instance.Tokens.GetTokensAsync(CognitoApiClientOptions.DefaultName)).RefreshToken);
        }

        Assert.DoesNotContain(_fleet.Logs, record => record.Id.Name is "LockWaitExceeded" or "LockLost" or "LockUnavailable");

        // No refresh token, old or new, nor any access token, in any log record of any instance.
        var secrets = _stub.IssuedRefreshTokens.Concat(_stub.Issued).Append(_fleet.Key).ToArray();
        foreach (var record in _fleet.Logs)
        {
            var text = record.Message + " " + record.Exception + " " + string.Join(" ", record.StructuredState?.Select(s => s.Value) ?? []);
            Assert.All(secrets, secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
        }
    }
}
