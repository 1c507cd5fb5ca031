using CognitoAuth.Client.Cognito.Model;
using CognitoAuth.Client.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace CognitoAuth.Client.Tests.Tokens;

/// <summary>
/// Refresh-token rotation with no configuration: <c>REFRESH_TOKEN_AUTH</c> where the app client allows it;
/// <c>GetTokensFromRefreshToken</c>, learned once, where it rotates refresh tokens (and refuses the other); a returned refresh
/// token replaces the stored one; a rotated-out token looks in the store before signing in again.
/// </summary>
public sealed class RefreshTokenRotationTests
{
    private const string Name = CognitoApiClientOptions.DefaultName;

    [Fact]
    public async Task Renewals_RotationOff_RefreshTokenAuthKeepsTheRefreshToken()
    {
        using var harness = new ClientHarness();
        var first = await harness.Tokens.GetTokensAsync(Name);

        var renewed = await RenewAsync(harness, first);
        var again = await RenewAsync(harness, renewed);

        Assert.Equal(first.RefreshToken, again.RefreshToken);
        Assert.Equal(2, harness.Cognito.RefreshTokenAuths);
        Assert.Empty(harness.Cognito.Requests<GetTokensFromRefreshTokenRequest>());
    }

    [Fact]
    public async Task Renewals_RotationOn_LearnsGetTokensFromRefreshTokenOnceAndStoresEachNewRefreshToken()
    {
        using var harness = new ClientHarness(o => o.ClientSecret = "client-secret-value");
        harness.Cognito.ClientSecret = "client-secret-value";
        harness.Cognito.RotateRefreshTokens = true;
        var store = harness.Services.GetRequiredService<ICognitoTokenStore>();
        var tokens = await harness.Tokens.GetTokensAsync(Name);
        var seen = new List<string?> { tokens.RefreshToken };

        for (var expiry = 0; expiry < 5; expiry++)
        {
            tokens = await RenewAsync(harness, tokens);
            seen.Add(tokens.RefreshToken);
            Assert.Equal(tokens.RefreshToken, (await store.GetAsync(harness.Client().Context.StoreKey, CancellationToken.None))!.RefreshToken);
        }

        Assert.Equal(6, seen.Distinct().Count()); // a new refresh token every time
        Assert.Equal(1, harness.Cognito.RefreshTokenAuths); // refused once: then learned
        Assert.Equal(5, harness.Cognito.Requests<GetTokensFromRefreshTokenRequest>().Count());
        Assert.All(harness.Cognito.Requests<GetTokensFromRefreshTokenRequest>(), r => Assert.Equal("client-secret-value", r.ClientSecret)); // the raw secret, as the model says
        Assert.Equal(1, harness.Cognito.SignIns);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // this process's first refresh: REFRESH_TOKEN_AUTH is refused first, and the reuse must still be seen
    public async Task Renewal_RotatedOutByAnotherInstanceMeanwhile_TakesItsResultFromTheStoreInsteadOfSigningIn(bool learnedFirst)
    {
        using var harness = new ClientHarness();
        harness.Cognito.RotateRefreshTokens = true;
        var store = harness.Services.GetRequiredService<ICognitoTokenStore>();
        var key = harness.Client().Context.StoreKey;
        var ours = await harness.Tokens.GetTokensAsync(Name);
        if (learnedFirst)
        {
            ours = await RenewAsync(harness, ours); // learned: GetTokensFromRefreshToken
        }

        CognitoTokenSet? theirs = null;

        // As this instance redeems its refresh token, another instance sharing the store redeems the same one first.
        harness.Cognito.BeforeCall = async operation =>
        {
            if (operation != nameof(harness.Cognito.GetTokensFromRefreshTokenAsync) || theirs is not null)
            {
                return;
            }

            harness.Cognito.BeforeCall = null;
            var result = (await harness.Cognito.GetTokensFromRefreshTokenAsync(null!, new GetTokensFromRefreshTokenRequest { ClientId = FakeCognito.ClientId, RefreshToken = ours.RefreshToken! }, CancellationToken.None)).AuthenticationResult!;
            theirs = new CognitoTokenSet
            {
                AccessToken = result.AccessToken!,
                IdToken = result.IdToken,
                RefreshToken = result.RefreshToken,
                IssuedAt = harness.Time.GetUtcNow(),
                ExpiresAt = harness.Time.GetUtcNow() + TimeSpan.FromHours(1),
            };
            await store.SetAsync(key, theirs, CancellationToken.None);
        };
        var signIns = harness.Cognito.SignIns;

        var renewed = await RenewAsync(harness, ours);

        Assert.NotNull(theirs);
        Assert.Equal(theirs.AccessToken, renewed.AccessToken); // the other instance's result, as it stored it
        Assert.Equal(theirs.RefreshToken, (await store.GetAsync(key, CancellationToken.None))!.RefreshToken);
        Assert.Equal(signIns, harness.Cognito.SignIns);
    }

    [Fact]
    public async Task FirstRenewal_RotationOn_GetTokensFromRefreshTokenThrottled_ServesTheStillValidTokensInsteadOfSigningIn()
    {
        using var harness = new ClientHarness();
        harness.Cognito.RotateRefreshTokens = true;
        var first = await harness.Tokens.GetTokensAsync(Name);
        harness.Cognito.BeforeCall = operation =>
        {
            if (operation == nameof(harness.Cognito.GetTokensFromRefreshTokenAsync))
            {
                harness.Cognito.Failures.Enqueue(new CognitoException(CognitoErrorCodes.TooManyRequests, "Rate exceeded", System.Net.HttpStatusCode.BadRequest, null, true));
            }

            return Task.CompletedTask;
        };

        var served = await RenewAsync(harness, first); // due for renewal, not expired

        Assert.Equal(first.AccessToken, served.AccessToken);
        Assert.Equal(1, harness.Cognito.SignIns); // a passing throttle is not a dead refresh token
        Assert.Contains(harness.Logs.GetSnapshot(), r => r.Id.Name == "ServingTokensDespiteFailedRenewal");
        Assert.DoesNotContain(harness.Logs.GetSnapshot(), r => r.Id.Name == "RefreshTokenRejected");
    }

    [Fact]
    public async Task Renewal_RotatedOutAndNobodyHasTheNextOne_SignsInOnce()
    {
        using var harness = new ClientHarness();
        harness.Cognito.RotateRefreshTokens = true;
        var first = await RenewAsync(harness, await harness.Tokens.GetTokensAsync(Name));
        var stolen = first.RefreshToken!;
        await harness.Cognito.GetTokensFromRefreshTokenAsync(null!, new GetTokensFromRefreshTokenRequest { ClientId = FakeCognito.ClientId, RefreshToken = stolen }, CancellationToken.None);

        var renewed = await RenewAsync(harness, first);

        Assert.NotEqual(stolen, renewed.RefreshToken);
        Assert.Equal(2, harness.Cognito.SignIns);
    }

    [Fact]
    public async Task Renewal_EndpointWithoutGetTokensFromRefreshToken_RefreshTokenAuthOnlyAndNoMoreProbes()
    {
        using var harness = new ClientHarness();
        harness.Cognito.LacksGetTokensFromRefreshToken = true;
        var first = await harness.Tokens.GetTokensAsync(Name);
        harness.Cognito.ExpireRefreshTokens();

        await RenewAsync(harness, first); // refused, probed, unknown operation: signs in
        harness.Cognito.ExpireRefreshTokens();
        await RenewAsync(harness, await harness.Tokens.GetTokensAsync(Name));

        Assert.Single(harness.Cognito.Requests<GetTokensFromRefreshTokenRequest>());
        Assert.Equal(3, harness.Cognito.SignIns);
    }

    /// <summary>Moves the clock to the renewal window of <paramref name="current"/> and gets the tokens again.</summary>
    private static Task<CognitoTokenSet> RenewAsync(ClientHarness harness, CognitoTokenSet current)
    {
        harness.Time.SetUtcNow(current.ExpiresAt - TimeSpan.FromSeconds(30));
        return harness.Tokens.GetTokensAsync(Name);
    }
}
