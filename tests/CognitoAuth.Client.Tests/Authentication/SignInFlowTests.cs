using CognitoAuth.Client.Cognito.Model;
using CognitoAuth.Client.Tests.Fakes;

namespace CognitoAuth.Client.Tests.Authentication;

public sealed class SignInFlowTests
{
    private const string Name = CognitoApiClientOptions.DefaultName;

    [Fact]
    public async Task GetTokens_AdminUserPasswordFlow_CallsAdminInitiateAuthWithAdminUserPasswordAuth()
    {
        using var harness = new ClientHarness();

        var tokens = await harness.Tokens.GetTokensAsync(Name);

        var request = Assert.Single(harness.Cognito.Requests<AdminInitiateAuthRequest>());
        Assert.Equal(FakeCognito.PoolId, request.UserPoolId);
        Assert.Equal(FakeCognito.ClientId, request.ClientId);
        Assert.Equal("ADMIN_USER_PASSWORD_AUTH", request.AuthFlow);
        Assert.Equal("testuser@example.com", request.AuthParameters!["USERNAME"]);
        Assert.Equal("TempPass123!", request.AuthParameters["PASSWORD"]);
        Assert.False(request.AuthParameters.ContainsKey("SECRET_HASH"));
        Assert.Empty(harness.Cognito.Requests<InitiateAuthRequest>());
        Assert.StartsWith("refresh-", tokens.RefreshToken);
    }

    [Fact]
    public async Task GetTokens_UserPasswordFlow_CallsInitiateAuthWithUserPasswordAuth()
    {
        using var harness = new ClientHarness(o => o.AuthFlow = CognitoAuthFlow.UserPassword);

        await harness.Tokens.GetTokensAsync(Name);

        var request = Assert.Single(harness.Cognito.Requests<InitiateAuthRequest>());
        Assert.Equal("USER_PASSWORD_AUTH", request.AuthFlow);
        Assert.Equal(FakeCognito.ClientId, request.ClientId);
        Assert.Equal("testuser@example.com", request.AuthParameters!["USERNAME"]);
        Assert.Equal("TempPass123!", request.AuthParameters["PASSWORD"]);
        Assert.Empty(harness.Cognito.Requests<AdminInitiateAuthRequest>());
    }

    [Fact]
    public async Task GetTokens_WrongPassword_ThrowsNotAuthorizedAfterOneCall()
    {
        using var harness = new ClientHarness(o => o.Password = "wrong");

        var exception = await Assert.ThrowsAsync<CognitoException>(() => harness.Tokens.GetTokensAsync(Name));

        Assert.Equal(CognitoErrorCodes.NotAuthorized, exception.ErrorCode);
        Assert.False(exception.IsRetryable);
        Assert.Single(harness.Cognito.Calls);
    }

    [Theory]
    [InlineData(CognitoAuthFlow.AdminUserPassword, "AdminRespondToAuthChallengeAsync")]
    [InlineData(CognitoAuthFlow.UserPassword, "RespondToAuthChallengeAsync")]
    public async Task GetTokens_NewPasswordRequired_AnswersWithNewPasswordAndSession(CognitoAuthFlow flow, string respondOperation)
    {
        using var harness = new ClientHarness(o => { o.AuthFlow = flow; o.NewPassword = ClientHarness.NewPassword; });
        harness.Cognito.MustChangePassword = true;

        var tokens = await harness.Tokens.GetTokensAsync(Name);

        Assert.Equal(1, harness.Cognito.Count(respondOperation));
        var (name, session, responses) = harness.Cognito.Calls.Select(c => c.Request).Last() switch
        {
            AdminRespondToAuthChallengeRequest admin => (admin.ChallengeName, admin.Session, admin.ChallengeResponses!),
            RespondToAuthChallengeRequest user => (user.ChallengeName, user.Session, user.ChallengeResponses!),
            var other => throw new InvalidOperationException($"Unexpected {other}"),
        };
        Assert.Equal("NEW_PASSWORD_REQUIRED", name);
        Assert.StartsWith("session-", session);
        Assert.Equal("testuser@example.com", responses["USERNAME"]);
        Assert.Equal(ClientHarness.NewPassword, responses["NEW_PASSWORD"]);
        Assert.Equal(ClientHarness.NewPassword, harness.Cognito.Password);
        Assert.NotNull(tokens.RefreshToken);
    }

    [Fact]
    public async Task GetTokens_NewPasswordRequiredWithoutNewPassword_ThrowsNamingTheNewPasswordKey()
    {
        using var harness = new ClientHarness();
        harness.Cognito.MustChangePassword = true;

        var exception = await Assert.ThrowsAsync<CognitoAuthenticationException>(() => harness.Tokens.GetTokensAsync(Name));

        Assert.Contains("NewPassword", exception.Message, StringComparison.Ordinal);
        Assert.Contains("temporary password", exception.Message, StringComparison.Ordinal);
        Assert.Equal("NEW_PASSWORD_REQUIRED", exception.ChallengeName);
        Assert.Equal(0, harness.Cognito.Count("AdminRespondToAuthChallengeAsync"));
    }

    [Fact]
    public async Task GetTokens_NewPasswordRequiredWithRequiredAttributes_SendsTheConfiguredAttributes()
    {
        using var harness = new ClientHarness(o =>
        {
            o.NewPassword = ClientHarness.NewPassword;
            o.UserAttributes["name"] = "Test User";
            o.UserAttributes["family_name"] = "User";
            o.UserAttributes["nickname"] = "not required";
        });
        harness.Cognito.MustChangePassword = true;
        harness.Cognito.RequiredAttributesJson = """["userAttributes.name","userAttributes.family_name"]""";

        await harness.Tokens.GetTokensAsync(Name);

        var responses = Assert.Single(harness.Cognito.Requests<AdminRespondToAuthChallengeRequest>()).ChallengeResponses!;
        Assert.Equal("Test User", responses["userAttributes.name"]);
        Assert.Equal("User", responses["userAttributes.family_name"]);
        Assert.False(responses.ContainsKey("userAttributes.nickname"));
    }

    [Fact]
    public async Task GetTokens_RequiredAttributeNotConfigured_ThrowsNamingTheAttribute()
    {
        using var harness = new ClientHarness(o => o.NewPassword = ClientHarness.NewPassword);
        harness.Cognito.MustChangePassword = true;
        harness.Cognito.RequiredAttributesJson = """["userAttributes.given_name"]""";

        var exception = await Assert.ThrowsAsync<CognitoAuthenticationException>(() => harness.Tokens.GetTokensAsync(Name));

        Assert.Contains("given_name", exception.Message, StringComparison.Ordinal);
        Assert.Contains("UserAttributes", exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, harness.Cognito.Count("AdminRespondToAuthChallengeAsync"));
    }

    [Theory]
    [InlineData("SMS_MFA", "for SMS_MFA: the code Cognito sent to the user's phone, which only the application can answer, and no ICognitoChallengeHandler answered it")]
    [InlineData("EMAIL_OTP", "for EMAIL_OTP: the code Cognito e-mailed to the user, which only the application can answer")]
    [InlineData("SELECT_MFA_TYPE", "unsupported challenge SELECT_MFA_TYPE")]
    [InlineData("CUSTOM_CHALLENGE", "for CUSTOM_CHALLENGE: the pool's custom challenge")]
    public async Task GetTokens_ChallengeNobodyAnswers_ThrowsNamingTheChallenge(string challenge, string message)
    {
        using var harness = new ClientHarness(o => o.NewPassword = ClientHarness.NewPassword);
        harness.Cognito.Challenge = challenge;

        var exception = await Assert.ThrowsAsync<CognitoAuthenticationException>(() => harness.Tokens.GetTokensAsync(Name));

        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
        Assert.Equal(challenge, exception.ChallengeName);
        Assert.Single(harness.Cognito.Calls);
    }

    [Fact]
    public async Task GetTokens_AfterTheNewPasswordWasSet_LaterSignInsUseIt()
    {
        using var harness = new ClientHarness(o => o.NewPassword = ClientHarness.NewPassword);
        harness.Cognito.MustChangePassword = true;
        await harness.Tokens.GetTokensAsync(Name);
        await harness.Tokens.SignOutAsync(Name);
        harness.Cognito.Calls.Clear();

        await harness.Tokens.GetTokensAsync(Name);

        var request = Assert.Single(harness.Cognito.Requests<AdminInitiateAuthRequest>());
        Assert.Equal(ClientHarness.NewPassword, request.AuthParameters!["PASSWORD"]);
        Assert.Single(harness.Cognito.Calls);
    }

    [Fact]
    public async Task GetTokens_TemporaryPasswordAlreadyChanged_TriesNewPasswordOnce()
    {
        // A restart after the first run changed the password: the configured temporary password is now rejected.
        using var harness = new ClientHarness(o => o.NewPassword = ClientHarness.NewPassword);
        harness.Cognito.Password = ClientHarness.NewPassword;

        var tokens = await harness.Tokens.GetTokensAsync(Name);

        var passwords = harness.Cognito.Requests<AdminInitiateAuthRequest>().Select(r => r.AuthParameters!["PASSWORD"]).ToArray();
        Assert.Equal(["TempPass123!", ClientHarness.NewPassword], passwords);
        Assert.NotNull(tokens.AccessToken);
    }

    [Fact]
    public async Task GetTokens_BothPasswordsRejected_ThrowsNotAuthorizedAfterTwoCalls()
    {
        using var harness = new ClientHarness(o => o.NewPassword = ClientHarness.NewPassword);
        harness.Cognito.Password = "something else";

        var exception = await Assert.ThrowsAsync<CognitoException>(() => harness.Tokens.GetTokensAsync(Name));

        Assert.Equal(CognitoErrorCodes.NotAuthorized, exception.ErrorCode);
        Assert.Equal(2, harness.Cognito.Calls.Count);
    }

    [Fact]
    public async Task GetTokens_CognitoFailure_IsTheTypedCognitoExceptionNotWrapped()
    {
        using var harness = new ClientHarness();
        harness.Cognito.Failures.Enqueue(new CognitoException(CognitoErrorCodes.UserNotConfirmed, "User is not confirmed.", System.Net.HttpStatusCode.BadRequest, "r1", false));

        var exception = await Assert.ThrowsAsync<CognitoException>(() => harness.Tokens.GetTokensAsync(Name));

        Assert.Equal(CognitoErrorCodes.UserNotConfirmed, exception.ErrorCode);
        Assert.Equal("r1", exception.RequestId);
    }

    [Fact]
    public async Task GetTokens_TokenSet_ExpiresExpiresInAfterTheRequestWasSent()
    {
        using var harness = new ClientHarness();
        harness.Cognito.Latency = TimeSpan.FromSeconds(5);
        var sent = harness.Time.GetUtcNow();

        var tokens = await harness.Tokens.GetTokensAsync(Name);

        Assert.Equal(sent, tokens.IssuedAt);
        Assert.Equal(sent.AddSeconds(3600), tokens.ExpiresAt);
        Assert.Equal(TimeSpan.Zero, tokens.ExpiresAt.Offset);
    }

    [Fact]
    public async Task GetTokens_TokenSet_CarriesCognitosOwnUsername()
    {
        using var harness = new ClientHarness(o => o.Username = "alice@example.com");
        harness.Cognito.Username = "alice@example.com";
        harness.Cognito.CognitoUsername = "0c4e2a7e-1f3b-4a5d-9e8f-7a6b5c4d3e2f";

        var tokens = await harness.Tokens.GetTokensAsync(Name);

        Assert.Equal("0c4e2a7e-1f3b-4a5d-9e8f-7a6b5c4d3e2f", tokens.Username);
    }
}
