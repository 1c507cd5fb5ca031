using System.Net;
using CognitoAuth.Client.Tests.Fakes;

namespace CognitoAuth.Client.Tests.Tokens;

/// <summary>
/// A refresh that fails for any reason a retry cannot fix falls back to one full sign-in; a transient failure does not
/// (the password is not spent on what may be a passing outage).
/// </summary>
public sealed class RefreshFallbackTests
{
    private const string Name = CognitoApiClientOptions.DefaultName;

    public static TheoryData<string> PermanentRefreshErrors =>
    [
        CognitoErrorCodes.NotAuthorized,
        CognitoErrorCodes.RefreshTokenReuse,
        CognitoErrorCodes.InvalidParameter,
        CognitoErrorCodes.UserNotFound,
        CognitoErrorCodes.MalformedResponse,
        "InvalidUserPoolConfigurationException",
    ];

    [Theory]
    [MemberData(nameof(PermanentRefreshErrors))]
    public async Task Renewal_RefreshRefusedForGood_SignsInOnceInstead(string code)
    {
        using var harness = new ClientHarness();
        var first = await harness.Tokens.GetTokensAsync(Name);
        harness.Time.SetUtcNow(first.ExpiresAt - TimeSpan.FromSeconds(30));
        // Both ways of redeeming the refresh token refuse it.
        harness.Cognito.Failures.Enqueue(new CognitoException(code, "Refused by the test.", HttpStatusCode.BadRequest, "r", isRetryable: false));
        harness.Cognito.Failures.Enqueue(new CognitoException(code, "Refused by the test.", HttpStatusCode.BadRequest, "r", isRetryable: false));

        var renewed = await harness.Tokens.GetTokensAsync(Name);

        Assert.NotEqual(first.AccessToken, renewed.AccessToken);
        Assert.Equal(2, harness.Cognito.Refreshes);
        Assert.Equal(2, harness.Cognito.SignIns);
        Assert.Contains(harness.Logs.GetSnapshot(), r => r.Id.Name == "RefreshTokenRejected");
    }

    [Fact]
    public async Task Renewal_RefreshThrottledWhileTheTokensAreStillValid_SendsThemWithoutASignIn()
    {
        using var harness = new ClientHarness();
        var first = await harness.Tokens.GetTokensAsync(Name);
        harness.Time.SetUtcNow(first.ExpiresAt - TimeSpan.FromSeconds(30));
        harness.Cognito.Failures.Enqueue(Throttled());

        var served = await harness.Tokens.GetTokensAsync(Name);

        Assert.Equal(first.AccessToken, served.AccessToken);
        Assert.Equal(1, harness.Cognito.SignIns);
        Assert.Contains(harness.Logs.GetSnapshot(), r => r.Id.Name == "ServingTokensDespiteFailedRenewal");
    }

    [Fact]
    public async Task Renewal_RefreshThrottledAfterExpiry_FailsWithoutASignIn()
    {
        using var harness = new ClientHarness();
        var first = await harness.Tokens.GetTokensAsync(Name);
        harness.Time.SetUtcNow(first.ExpiresAt);
        harness.Cognito.Failures.Enqueue(Throttled());

        var throttled = await Assert.ThrowsAsync<CognitoException>(() => harness.Tokens.GetTokensAsync(Name));

        Assert.Equal(CognitoErrorCodes.TooManyRequests, throttled.ErrorCode);
        Assert.Equal(1, harness.Cognito.SignIns);
    }

    [Fact]
    public async Task Renewal_TheStoreLostTheEntry_RefreshesWithThisProcesssOwnRefreshToken()
    {
        using var harness = new ClientHarness();
        var signedIn = await harness.Tokens.GetTokensAsync(Name);
        harness.Time.SetUtcNow(signedIn.ExpiresAt - TimeSpan.FromSeconds(30));
        var first = await harness.Tokens.GetTokensAsync(Name); // REFRESH_TOKEN_AUTH worked: refresh tokens do not rotate
        var store = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ICognitoTokenStore>(harness.Services);
        await store.RemoveAsync(harness.Client().Context.StoreKey, CancellationToken.None); // e.g. Redis restarted empty
        harness.Time.SetUtcNow(first.ExpiresAt - TimeSpan.FromSeconds(30));

        var renewed = await harness.Tokens.GetTokensAsync(Name);

        Assert.NotEqual(first.AccessToken, renewed.AccessToken);
        Assert.Equal(2, harness.Cognito.Refreshes);
        Assert.Equal(1, harness.Cognito.SignIns);
    }

    private static CognitoException Throttled() =>
        new(CognitoErrorCodes.TooManyRequests, "Rate exceeded", HttpStatusCode.BadRequest, "r", isRetryable: true);
}
