using System.Net;
using CognitoAuth.Client.Cognito.Model;
using CognitoAuth.Client.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace CognitoAuth.Client.Tests.Tokens;

public sealed class TokenManagerTests
{
    private const string Name = CognitoApiClientOptions.DefaultName;

    [Fact]
    public async Task GetTokens_100ConcurrentFirstCalls_SignInExactlyOnce()
    {
        using var harness = new ClientHarness();
        harness.Cognito.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var callers = Enumerable.Range(0, 100).Select(_ => Task.Run(() => harness.Tokens.GetTokensAsync(Name))).ToArray();
        await Poll.UntilAsync(() => harness.Cognito.Calls.Count == 1);
        harness.Cognito.Gate.SetResult();
        var results = await Task.WhenAll(callers);

        Assert.Equal(1, harness.Cognito.SignIns);
        Assert.Single(harness.Cognito.Calls);
        Assert.Single(results.Select(r => r.AccessToken).Distinct());
    }

    [Fact]
    public async Task GetTokens_BeforeRefreshBefore_ServesTheCachedTokens()
    {
        using var harness = new ClientHarness();
        var first = await harness.Tokens.GetTokensAsync(Name);
        harness.Time.Advance(TimeSpan.FromSeconds(3600 - 60 - 1));

        var second = await harness.Tokens.GetTokensAsync(Name);

        Assert.Same(first, second);
        Assert.Single(harness.Cognito.Calls);
    }

    [Fact]
    public async Task GetTokens_AtRefreshBefore_RefreshesWithRefreshTokenAuth()
    {
        using var harness = new ClientHarness();
        var first = await harness.Tokens.GetTokensAsync(Name);
        harness.Time.Advance(TimeSpan.FromSeconds(3600 - 60));

        var refreshed = await harness.Tokens.GetTokensAsync(Name);

        Assert.Equal(1, harness.Cognito.Refreshes);
        var request = harness.Cognito.Requests<AdminInitiateAuthRequest>().Last();
        Assert.Equal("REFRESH_TOKEN_AUTH", request.AuthFlow);
        Assert.Equal(first.RefreshToken, request.AuthParameters!["REFRESH_TOKEN"]);
        Assert.NotEqual(first.AccessToken, refreshed.AccessToken);
        Assert.Equal(harness.Time.GetUtcNow().AddSeconds(3600), refreshed.ExpiresAt);
    }

    [Fact]
    public async Task GetTokens_CustomRefreshBefore_RefreshesThatLongBeforeExpiry()
    {
        using var harness = new ClientHarness(o => o.RefreshBefore = TimeSpan.FromMinutes(10));
        await harness.Tokens.GetTokensAsync(Name);

        harness.Time.Advance(TimeSpan.FromMinutes(50) - TimeSpan.FromSeconds(1));
        await harness.Tokens.GetTokensAsync(Name);
        Assert.Equal(0, harness.Cognito.Refreshes);

        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await harness.Tokens.GetTokensAsync(Name);
        Assert.Equal(1, harness.Cognito.Refreshes);
    }

    [Fact]
    public async Task GetTokens_LifetimeShorterThanRefreshBefore_RefreshesAtHalfTheLifetime()
    {
        using var harness = new ClientHarness(o => o.RefreshBefore = TimeSpan.FromMinutes(5));
        harness.Cognito.ExpiresIn = 60;
        await harness.Tokens.GetTokensAsync(Name);

        harness.Time.Advance(TimeSpan.FromSeconds(29));
        await harness.Tokens.GetTokensAsync(Name);
        Assert.Equal(0, harness.Cognito.Refreshes);

        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await harness.Tokens.GetTokensAsync(Name);
        Assert.Equal(1, harness.Cognito.Refreshes);
    }

    [Fact]
    public async Task GetTokens_NoExpiresIn_UsesTheAccessTokensOwnLifetime()
    {
        using var harness = new ClientHarness();
        harness.Cognito.OmitExpiresIn = true;
        var first = await harness.Tokens.GetTokensAsync(Name);

        harness.Time.Advance(TimeSpan.FromSeconds(3600 - 60 - 1));
        var cached = await harness.Tokens.GetTokensAsync(Name);
        harness.Time.Advance(TimeSpan.FromSeconds(2));
        var refreshed = await harness.Tokens.GetTokensAsync(Name);

        Assert.Equal(first.IssuedAt.AddHours(1), first.ExpiresAt);
        Assert.Same(first, cached);
        Assert.NotEqual(first.AccessToken, refreshed.AccessToken);
        Assert.Equal(1, harness.Cognito.SignIns);
    }

    [Fact]
    public async Task GetTokens_NoExpiresInAndNoTokenTimes_FailsClearlyInsteadOfSigningInForEveryRequest()
    {
        using var harness = new ClientHarness();
        harness.Cognito.OmitExpiresIn = true;
        harness.Cognito.OmitTokenTimes = true;

        var exception = await Assert.ThrowsAsync<CognitoAuthenticationException>(() => harness.Tokens.GetTokensAsync(Name));

        Assert.Contains("ExpiresIn", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_WithoutNewRefreshToken_KeepsTheOldOne()
    {
        using var harness = new ClientHarness();
        var first = await harness.Tokens.GetTokensAsync(Name);
        harness.Time.Advance(TimeSpan.FromHours(1));

        var refreshed = await harness.Tokens.GetTokensAsync(Name);
        harness.Time.Advance(TimeSpan.FromHours(1));
        await harness.Tokens.GetTokensAsync(Name);

        Assert.Equal(first.RefreshToken, refreshed.RefreshToken);
        Assert.Equal(2, harness.Cognito.Refreshes);
        Assert.Equal(1, harness.Cognito.SignIns);
    }

    [Fact]
    public async Task Refresh_WithNewRefreshToken_UsesTheNewOne()
    {
        using var harness = new ClientHarness();
        harness.Cognito.RotateRefreshTokens = true;
        var first = await harness.Tokens.GetTokensAsync(Name);
        harness.Time.Advance(TimeSpan.FromHours(1));

        var refreshed = await harness.Tokens.GetTokensAsync(Name);

        Assert.NotNull(refreshed.RefreshToken);
        Assert.NotEqual(first.RefreshToken, refreshed.RefreshToken);
    }

    [Fact]
    public async Task Refresh_RejectedRefreshToken_FallsBackToAFullSignIn()
    {
        using var harness = new ClientHarness();
        var first = await harness.Tokens.GetTokensAsync(Name);
        harness.Cognito.ExpireRefreshTokens();
        harness.Time.Advance(TimeSpan.FromHours(1));

        var renewed = await harness.Tokens.GetTokensAsync(Name);

        Assert.Equal(1, harness.Cognito.RefreshTokenAuths);
        Assert.Equal(2, harness.Cognito.Refreshes); // and one GetTokensFromRefreshToken, in case the client rotates them
        Assert.Equal(2, harness.Cognito.SignIns);
        Assert.NotEqual(first.RefreshToken, renewed.RefreshToken);
    }

    [Fact]
    public async Task Refresh_TransientFailure_IsThrownNotASignIn()
    {
        using var harness = new ClientHarness();
        await harness.Tokens.GetTokensAsync(Name);
        harness.Time.Advance(TimeSpan.FromHours(1));
        harness.Cognito.Failures.Enqueue(new CognitoException(CognitoErrorCodes.TooManyRequests, "Rate exceeded", HttpStatusCode.BadRequest, null, true));

        var exception = await Assert.ThrowsAsync<CognitoException>(() => harness.Tokens.GetTokensAsync(Name));

        Assert.Equal(CognitoErrorCodes.TooManyRequests, exception.ErrorCode);
        Assert.Equal(1, harness.Cognito.SignIns);
    }

    [Fact]
    public async Task GetTokens_AfterAFailure_TriesAgain()
    {
        using var harness = new ClientHarness();
        harness.Cognito.Failures.Enqueue(new CognitoException(CognitoErrorCodes.InternalError, "boom", HttpStatusCode.InternalServerError, null, true));
        await Assert.ThrowsAsync<CognitoException>(() => harness.Tokens.GetTokensAsync(Name));

        var tokens = await harness.Tokens.GetTokensAsync(Name);

        Assert.Equal(2, harness.Cognito.SignIns);
        Assert.NotNull(tokens.AccessToken);
    }

    [Fact]
    public async Task GetTokens_OneCallerCancels_TheSharedSignInCompletesForTheOthers()
    {
        using var harness = new ClientHarness();
        harness.Cognito.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var impatient = new CancellationTokenSource();
        var cancelled = harness.Tokens.GetTokensAsync(Name, cancellationToken: impatient.Token);
        var patient = harness.Tokens.GetTokensAsync(Name);
        await Poll.UntilAsync(() => harness.Cognito.Calls.Count == 1);

        await impatient.CancelAsync();
        // The bound turns "the caller keeps waiting for the shared call" into a failure instead of a hang.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(TimeSpan.FromMinutes(1)));
        harness.Cognito.Gate.SetResult();
        var tokens = await patient;

        Assert.NotNull(tokens.AccessToken);
        Assert.Equal(1, harness.Cognito.SignIns);
        Assert.Same(tokens, await harness.Tokens.GetTokensAsync(Name));
    }

    [Fact]
    public async Task GetTokens_ForceRenewal_RefreshesFreshTokens()
    {
        using var harness = new ClientHarness();
        var first = await harness.Tokens.GetTokensAsync(Name);

        var forced = await harness.Tokens.GetTokensAsync(Name, forceRenewal: true);

        Assert.Equal(1, harness.Cognito.Refreshes);
        Assert.NotEqual(first.AccessToken, forced.AccessToken);
    }

    [Fact]
    public async Task Renew_RejectedTokenAlreadyReplaced_ReturnsTheCurrentTokensWithoutCallingCognito()
    {
        using var harness = new ClientHarness();
        var client = harness.Client();
        var stale = await harness.Manager.GetAsync(client, CancellationToken.None);
        var current = await harness.Manager.RenewAsync(client, stale.Tokens.AccessToken, CancellationToken.None);
        var calls = harness.Cognito.Calls.Count;

        var again = await harness.Manager.RenewAsync(client, stale.Tokens.AccessToken, CancellationToken.None);

        Assert.Same(current, again);
        Assert.Equal(calls, harness.Cognito.Calls.Count);
    }

    [Fact]
    public async Task Get_FreshTokens_ServeTheSameBearerHeadersWithoutAnotherSignIn()
    {
        using var harness = new ClientHarness();
        var client = harness.Client();

        var first = await harness.Manager.GetAsync(client, CancellationToken.None);
        var second = await harness.Manager.GetAsync(client, CancellationToken.None);

        Assert.Equal(first.HeaderFor(CognitoTokenType.Access), second.HeaderFor(CognitoTokenType.Access));
        Assert.Equal(1, harness.Cognito.SignIns);
        Assert.Equal($"Bearer {first.Tokens.AccessToken}", first.HeaderFor(CognitoTokenType.Access));
        Assert.Equal($"Bearer {first.Tokens.IdToken}", first.HeaderFor(CognitoTokenType.Id));
    }

    [Fact]
    public async Task SignOut_RevokesTheRefreshTokenAndDropsTheTokens()
    {
        using var harness = new ClientHarness();
        var first = await harness.Tokens.GetTokensAsync(Name);

        await harness.Tokens.SignOutAsync(Name);
        var next = await harness.Tokens.GetTokensAsync(Name);

        var revoke = Assert.Single(harness.Cognito.Requests<RevokeTokenRequest>());
        Assert.Equal(first.RefreshToken, revoke.Token);
        Assert.Equal(FakeCognito.ClientId, revoke.ClientId);
        Assert.Equal(2, harness.Cognito.SignIns);
        Assert.NotEqual(first.AccessToken, next.AccessToken);
    }

    [Fact]
    public async Task SignOut_RevokeFails_StillDropsTheTokens()
    {
        using var harness = new ClientHarness();
        await harness.Tokens.GetTokensAsync(Name);
        harness.Cognito.Failures.Enqueue(new CognitoException(CognitoErrorCodes.TransportError, "no route", null, null, true));

        await harness.Tokens.SignOutAsync(Name);
        await harness.Tokens.GetTokensAsync(Name);

        Assert.Equal(2, harness.Cognito.SignIns);
    }

    [Fact]
    public async Task GetTokens_TwoClientNamesForOneUser_ShareOneSignIn()
    {
        using var harness = new ClientHarness(services: s => s.AddCognitoApiClient("second", ClientHarness.Defaults));

        var first = await harness.Tokens.GetTokensAsync(Name);
        var second = await harness.Tokens.GetTokensAsync("second");

        Assert.Same(first, second);
        Assert.Equal(1, harness.Cognito.SignIns);
    }

    [Fact]
    public async Task GetTokens_ClientsForDifferentUsersOrAppClients_AreKeptApart()
    {
        using var harness = new ClientHarness(services: s =>
        {
            s.AddCognitoApiClient("other-user", o => { ClientHarness.Defaults(o); o.Username = "other@example.com"; });
            s.AddCognitoApiClient("other-endpoint", o => { ClientHarness.Defaults(o); o.ServiceUrl = new Uri("http://127.0.0.1:9229/"); });
        });

        var keys = new[] { harness.Client().Context.StoreKey, harness.Client("other-user").Context.StoreKey, harness.Client("other-endpoint").Context.StoreKey };

        Assert.Equal(3, keys.Distinct().Count());
        await harness.Tokens.GetTokensAsync(Name);
        await harness.Tokens.GetTokensAsync("other-endpoint");
        Assert.Equal(2, harness.Cognito.SignIns);
    }

    [Fact]
    public async Task GetTokens_UnknownClientName_ThrowsNamingIt()
    {
        using var harness = new ClientHarness();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Tokens.GetTokensAsync("nope"));

        Assert.Contains("'nope'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTokens_CustomStore_ReadsAndWritesThroughIt()
    {
        var store = new RecordingStore();
        using var harness = new ClientHarness(services: s => s.AddSingleton<ICognitoTokenStore>(store));

        var tokens = await harness.Tokens.GetTokensAsync(Name);

        Assert.Same(tokens, store.Saved.Single().Value);
        Assert.Equal(harness.Client().Context.StoreKey, store.Saved.Single().Key);
    }

    private sealed class RecordingStore : ICognitoTokenStore
    {
        public Dictionary<string, CognitoTokenSet> Saved { get; } = [];

        public ValueTask<CognitoTokenSet?> GetAsync(string key, CancellationToken cancellationToken) => new(Saved.GetValueOrDefault(key));

        public ValueTask SetAsync(string key, CognitoTokenSet tokens, CancellationToken cancellationToken)
        {
            Saved[key] = tokens;
            return ValueTask.CompletedTask;
        }

        public ValueTask RemoveAsync(string key, CancellationToken cancellationToken)
        {
            Saved.Remove(key);
            return ValueTask.CompletedTask;
        }
    }
}
