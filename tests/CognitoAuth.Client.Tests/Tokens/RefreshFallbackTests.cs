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
    public async Task Renewal_RefreshThrottled_FailsWithoutASignIn()
    {
        using var harness = new ClientHarness();
        var first = await harness.Tokens.GetTokensAsync(Name);
        harness.Time.SetUtcNow(first.ExpiresAt - TimeSpan.FromSeconds(30));
        harness.Cognito.Failures.Enqueue(new CognitoException(CognitoErrorCodes.TooManyRequests, "Rate exceeded", HttpStatusCode.BadRequest, "r", isRetryable: true));

        var throttled = await Assert.ThrowsAsync<CognitoException>(() => harness.Tokens.GetTokensAsync(Name));

        Assert.Equal(CognitoErrorCodes.TooManyRequests, throttled.ErrorCode);
        Assert.Equal(1, harness.Cognito.SignIns);
    }
}
