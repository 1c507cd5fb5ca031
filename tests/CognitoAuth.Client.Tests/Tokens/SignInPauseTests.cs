using CognitoAuth.Client.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CognitoAuth.Client.Tests.Tokens;

/// <summary>
/// After a sign-in fails for a reason a retry cannot fix, requests fail at once with the same error and make no Cognito call
/// for <see cref="CognitoApiClientOptions.FailureBackoff"/>, doubling up to five minutes: a wrong password does not eat the
/// account's sign-in quota or hammer the user's password. An options change or a forced renewal ends the pause.
/// </summary>
public sealed class SignInPauseTests
{
    private const string Name = CognitoApiClientOptions.DefaultName;
    private const string RealPassword = "Another-Pass-123!";
    private static readonly Uri Hello = new("hello", UriKind.Relative);

    [Fact]
    public async Task HundredRequests_WrongPassword_AtMostTenCognitoCallsAndTheFirstErrorIsTheRealOne()
    {
        using var harness = WrongPassword();
        using var http = harness.CreateHttpClient();

        var errors = new List<Exception>();
        for (var i = 0; i < 100; i++)
        {
            errors.Add(await Assert.ThrowsAnyAsync<Exception>(() => http.GetStringAsync(Hello)));
            harness.Time.Advance(TimeSpan.FromMilliseconds(10)); // 100 requests over a second
        }

        Assert.InRange(harness.Cognito.SignIns, 1, 10);
        Assert.Equal(1, harness.Cognito.SignIns);
        Assert.Empty(harness.Api.Requests); // nothing sent without a token
        var first = Assert.IsType<CognitoException>(errors[0]);
        Assert.Equal("Incorrect username or password.", first.Message);
        Assert.All(errors, e =>
        {
            var cognito = Assert.IsType<CognitoException>(e);
            Assert.Equal(CognitoErrorCodes.NotAuthorized, cognito.ErrorCode);
            Assert.False(cognito.IsRetryable);
            Assert.StartsWith("Incorrect username or password.", cognito.Message, StringComparison.Ordinal);
        });
        Assert.Contains(harness.Logs.GetSnapshot(), r => r.Id.Name == "SignInPaused");
    }

    public static TheoryData<int?, int[]> PauseLengths => new()
    {
        { null, [5, 10, 20, 40, 80, 160, 300, 300] }, // the default FailureBackoff, 5 s, doubling up to five minutes
        { 90, [90, 180, 300, 300] },
        { 600, [600, 600] }, // a configured pause longer than five minutes is kept, not doubled
    };

    [Theory]
    [MemberData(nameof(PauseLengths))]
    public async Task Pause_HoldsEachLengthToTheTick_ThenTriesAgainAndDoubles(int? failureBackoffSeconds, int[] pauses)
    {
        using var harness = WrongPassword(failureBackoffSeconds);
        await FailsAsync(harness);

        foreach (var seconds in pauses)
        {
            var signIns = harness.Cognito.SignIns;
            harness.Time.Advance(TimeSpan.FromSeconds(seconds) - TimeSpan.FromTicks(1));
            await FailsAsync(harness);
            Assert.Equal(signIns, harness.Cognito.SignIns); // still paused: the same error, and no call

            harness.Time.Advance(TimeSpan.FromTicks(1));
            await FailsAsync(harness);
            Assert.Equal(signIns + 1, harness.Cognito.SignIns);
        }
    }

    [Fact]
    public async Task Pause_ForcedRenewal_EndsIt()
    {
        using var harness = WrongPassword();
        await FailsAsync(harness);
        harness.Cognito.Password = "TempPass123!"; // an admin set it back

        var tokens = await harness.Tokens.GetTokensAsync(Name, forceRenewal: true);

        Assert.NotNull(tokens.AccessToken);
        Assert.Equal(2, harness.Cognito.SignIns);
    }

    [Fact]
    public async Task Pause_PasswordFixedByAConfigurationReload_EndsAtOnce()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["UserPoolId"] = FakeCognito.PoolId,
            ["ClientId"] = FakeCognito.ClientId,
            ["Username"] = "testuser@example.com",
            ["Password"] = "TempPass123!",
            ["ApiBaseAddress"] = ClientHarness.ApiBase.ToString(),
        }).Build();
        using var harness = new ClientHarness(services: s => s.AddCognitoApiClient("reloadable", configuration));
        harness.Cognito.Password = RealPassword;
        await Assert.ThrowsAsync<CognitoException>(() => harness.Tokens.GetTokensAsync("reloadable"));
        await Assert.ThrowsAsync<CognitoException>(() => harness.Tokens.GetTokensAsync("reloadable"));
        Assert.Equal(1, harness.Cognito.SignIns);

        configuration["Password"] = RealPassword;
        configuration.Reload();
        var tokens = await harness.Tokens.GetTokensAsync("reloadable");

        Assert.NotNull(tokens.AccessToken);
        Assert.Equal(2, harness.Cognito.SignIns);
    }

    [Fact]
    public async Task SuccessfulSignIn_ResetsThePauseToItsFirstLength()
    {
        using var harness = WrongPassword();
        await FailsAsync(harness);
        harness.Time.Advance(TimeSpan.FromSeconds(5));
        await FailsAsync(harness); // the second failure: 10 s

        harness.Cognito.Password = "TempPass123!";
        harness.Time.Advance(TimeSpan.FromSeconds(10));
        await harness.Tokens.GetTokensAsync(Name);
        await harness.Tokens.SignOutAsync(Name);
        harness.Cognito.Password = RealPassword;
        await FailsAsync(harness);
        var signIns = harness.Cognito.SignIns;

        harness.Time.Advance(TimeSpan.FromSeconds(5));
        await FailsAsync(harness);

        Assert.Equal(signIns + 1, harness.Cognito.SignIns);
    }

    [Fact]
    public async Task FailureBackoffZero_EveryRequestAsksCognito()
    {
        using var harness = new ClientHarness(o => o.FailureBackoff = TimeSpan.Zero);
        harness.Cognito.Password = RealPassword;

        for (var i = 0; i < 3; i++)
        {
            await FailsAsync(harness);
        }

        Assert.Equal(3, harness.Cognito.SignIns);
    }

    [Fact]
    public async Task TransientFailure_IsNotPaused()
    {
        using var harness = new ClientHarness();
        harness.Cognito.Failures.Enqueue(new CognitoException(CognitoErrorCodes.TooManyRequests, "Rate exceeded", System.Net.HttpStatusCode.BadRequest, "r", isRetryable: true));

        var throttled = await Assert.ThrowsAsync<CognitoException>(() => harness.Tokens.GetTokensAsync(Name));
        var tokens = await harness.Tokens.GetTokensAsync(Name);

        Assert.True(throttled.IsRetryable);
        Assert.NotNull(tokens.AccessToken);
        Assert.Equal(2, harness.Cognito.SignIns);
    }

    [Fact]
    public async Task ChallengeTheClientCannotAnswer_IsPausedToo()
    {
        using var harness = new ClientHarness();
        harness.Cognito.Challenge = "SMS_MFA";

        var first = await Assert.ThrowsAsync<CognitoAuthenticationException>(() => harness.Tokens.GetTokensAsync(Name));
        var second = await Assert.ThrowsAsync<CognitoAuthenticationException>(() => harness.Tokens.GetTokensAsync(Name));

        Assert.Equal("SMS_MFA", first.ChallengeName);
        Assert.Equal("SMS_MFA", second.ChallengeName);
        Assert.Equal(1, harness.Cognito.SignIns);
    }

    private static ClientHarness WrongPassword(int? failureBackoffSeconds = null)
    {
        var harness = new ClientHarness(o =>
        {
            if (failureBackoffSeconds is { } seconds)
            {
                o.FailureBackoff = TimeSpan.FromSeconds(seconds);
            }
        });
        harness.Cognito.Password = RealPassword; // the configured TempPass123! is wrong
        return harness;
    }

    private static Task FailsAsync(ClientHarness harness) =>
        Assert.ThrowsAsync<CognitoException>(() => harness.Tokens.GetTokensAsync(Name));
}
