using System.Net;
using CognitoAuth.Client.Tests.Fakes;
using CognitoAuth.Client.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CognitoAuth.Client.Tests.Tokens;

/// <summary>
/// The hot path reads the wall clock at most once a second per client and trusts the cheap monotonic clock in between
/// (a <see cref="TokenLease"/>). These tests drive the two clocks apart, as a machine that sleeps does: the wall clock jumps,
/// the monotonic clock stands still. What a user relies on: an expired token costs at most one 401 and is then renewed, a
/// request that cannot be sent twice never carries a token the wall clock calls due, and a lease never outlives the tokens.
/// </summary>
public sealed class TokenLeaseTests
{
    private const string Name = CognitoApiClientOptions.DefaultName;
    private static readonly Uri Hello = new("hello", UriKind.Relative);

    [Fact]
    public async Task GetAsync_WallClockJumpsPastExpiryWhileTheMonotonicClockStandsStill_OneUnauthorizedThenRenewedAndResent()
    {
        using var session = await SignedInAsync();
        var (harness, http, _, first) = session;
        RejectExpired(harness, first);

        harness.Time.Advance(TimeSpan.FromHours(2)); // asleep: the monotonic clock did not move
        using var response = await http.GetAsync(Hello);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = harness.Api.Requests.Select(r => r.Token).ToArray();
        Assert.Equal(new[] { first.AccessToken, first.AccessToken, sent[2] }, sent);
        Assert.NotEqual(first.AccessToken, sent[2]);
        Assert.Equal(1, harness.Cognito.Refreshes);
    }

    [Fact]
    public async Task GetAsync_OneSecondOfMonotonicTimeAfterTheJump_RenewsBeforeSending()
    {
        using var session = await SignedInAsync();
        var (harness, http, monotonic, first) = session;
        RejectExpired(harness, first);

        harness.Time.Advance(TimeSpan.FromHours(2));
        monotonic.Value += TokenClock.RecheckInterval;
        using var response = await http.GetAsync(Hello);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, harness.Api.Requests.Count);
        Assert.NotEqual(first.AccessToken, harness.Api.Requests.Last().Token);
        Assert.Equal(1, harness.Cognito.Refreshes);
    }

    [Fact]
    public async Task SendAsync_StreamedContentRightAfterTheJump_ChecksTheWallClockAndNeverSendsTheDueToken()
    {
        using var session = await SignedInAsync();
        var (harness, http, _, first) = session;
        RejectExpired(harness, first);

        harness.Time.Advance(TimeSpan.FromHours(2));
        using var body = new MemoryStream("{\"a\":1}"u8.ToArray());
        using var response = await http.PostAsync(Hello, new StreamContent(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, harness.Api.Requests.Count);
        Assert.Equal("{\"a\":1}", harness.Api.Requests.Last().Body);
        Assert.NotEqual(first.AccessToken, harness.Api.Requests.Last().Token);
    }

    [Fact]
    public async Task GetAsync_TokensDueSoonerThanTheRecheckInterval_LeaseEndsWhenTheyBecomeDue()
    {
        using var session = await SignedInAsync();
        var (harness, http, monotonic, first) = session;

        // 300 ms before the refresh point (expiry − RefreshBefore), both clocks together.
        harness.Time.Advance(TimeSpan.FromSeconds(3600 - 60) - TimeSpan.FromMilliseconds(300));
        monotonic.Value += 1_000_000;
        await http.GetStringAsync(Hello);
        Assert.Equal(0, harness.Cognito.Refreshes);

        harness.Time.Advance(TimeSpan.FromMilliseconds(300));
        monotonic.Value += 300;
        await http.GetStringAsync(Hello);

        Assert.Equal(1, harness.Cognito.Refreshes);
        Assert.NotEqual(first.AccessToken, harness.Api.Requests.Last().Token);
    }

    [Fact]
    public async Task GetAsync_AnotherClientNameForTheUserRenewedAfterA401_TheLeasedClientSendsTheNewTokenAtOnce()
    {
        var monotonic = new ManualMilliseconds();
        ClientHarness? built = null;
        using var harness = built = Harness(monotonic, s => s.AddCognitoApiClient("second", ClientHarness.Defaults)
            .ConfigurePrimaryHttpMessageHandler(() => new Forward(() => built!.Api)));
        using var http = harness.CreateHttpClient();
        using var second = harness.CreateHttpClient("second");
        await http.GetStringAsync(Hello);
        var first = await harness.Tokens.GetTokensAsync(Name);

        // The API revokes the token (e.g. global sign-out): the second name meets the 401 and renews for both.
        harness.Api.Respond = request => new(request.Headers.Authorization?.Parameter == first.AccessToken ? HttpStatusCode.Unauthorized : HttpStatusCode.OK);
        using (var renewed = await second.GetAsync(Hello))
        {
            Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        }

        using var response = await http.GetAsync(Hello);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(first.AccessToken, harness.Api.Requests.Last().Token);
        Assert.Equal(1, harness.Cognito.Refreshes);
    }

    [Fact]
    public async Task SignOut_WithinTheLease_TheNextRequestSignsInAgain()
    {
        using var session = await SignedInAsync();
        var (harness, http, _, first) = session;

        await harness.Tokens.SignOutAsync(Name);
        await http.GetStringAsync(Hello);

        Assert.Equal(2, harness.Cognito.SignIns);
        Assert.NotEqual(first.AccessToken, harness.Api.Requests.Last().Token);
    }

    [Fact]
    public void Milliseconds_SystemClock_IsTheProcessTickCount()
    {
        var clock = new TokenClock(TimeProvider.System);

        var before = Environment.TickCount64;
        var read = clock.Milliseconds;
        var after = Environment.TickCount64;

        Assert.InRange(read, before, after);
    }

    [Fact]
    public void Milliseconds_AnyOtherTimeProvider_FollowsItsWallClock()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero));
        var clock = new TokenClock(time);
        var start = clock.Milliseconds;

        time.Advance(TimeSpan.FromMilliseconds(1500));

        Assert.Equal(1500, clock.Milliseconds - start);
    }

    /// <summary>A client that signed in with one request, with the tokens it got; the monotonic clock is the test's.</summary>
    private static async Task<Session> SignedInAsync()
    {
        var monotonic = new ManualMilliseconds();
        var harness = Harness(monotonic);
        var http = harness.CreateHttpClient();
        await http.GetStringAsync(Hello);
        return new Session(harness, http, monotonic, await harness.Tokens.GetTokensAsync(Name));
    }

    private sealed record Session(ClientHarness Harness, HttpClient Http, ManualMilliseconds Monotonic, CognitoTokenSet First) : IDisposable
    {
        public void Dispose()
        {
            Http.Dispose();
            Harness.Dispose();
        }
    }

    private static ClientHarness Harness(ManualMilliseconds monotonic, Action<IServiceCollection>? services = null)
    {
        return new ClientHarness(services: s =>
        {
            s.Replace(ServiceDescriptor.Singleton(sp => new TokenClock(sp.GetRequiredService<TimeProvider>(), () => monotonic.Value)));
            services?.Invoke(s);
        });
    }

    /// <summary>The API answers 401 to <paramref name="first"/>'s access token once the wall clock passes its expiry.</summary>
    private static void RejectExpired(ClientHarness harness, CognitoTokenSet first) =>
        harness.Api.Respond = request =>
            new(request.Headers.Authorization?.Parameter == first.AccessToken && harness.Time.GetUtcNow() >= first.ExpiresAt
                ? HttpStatusCode.Unauthorized
                : HttpStatusCode.OK);

    /// <summary>Sends a second client's requests to the harness's API.</summary>
    private sealed class Forward(Func<HttpMessageHandler> target) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using var invoker = new HttpMessageInvoker(target(), disposeHandler: false);
            return invoker.SendAsync(request, cancellationToken);
        }
    }

    private sealed class ManualMilliseconds
    {
        public long Value { get; set; } = 1_000;
    }
}
