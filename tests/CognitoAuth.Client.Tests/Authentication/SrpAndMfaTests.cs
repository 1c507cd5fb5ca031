using CognitoAuth.Client.Cognito.Model;
using CognitoAuth.Client.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CognitoAuth.Client.Tests.Authentication;

/// <summary>
/// <see cref="CognitoAuthFlow.UserSrp"/>, <see cref="CognitoApiClientOptions.TotpSecret"/>, <c>MFA_SETUP</c>, the
/// <see cref="ICognitoChallengeHandler"/> hook and <see cref="ICognitoTotpEnrolment"/> against the fake. The SRP proof itself is
/// checked byte for byte against amazon-cognito-identity-js (Srp/) and end to end against the emulator (IntegrationTests).
/// </summary>
public sealed class SrpAndMfaTests
{
    private const string Name = CognitoApiClientOptions.DefaultName;

    [Fact]
    public async Task UserSrp_TemporaryPassword_SendsSrpAAnswersTheVerifierThenNewPasswordRequired()
    {
        using var harness = new ClientHarness(o =>
        {
            o.AuthFlow = CognitoAuthFlow.UserSrp;
            o.NewPassword = ClientHarness.NewPassword;
            o.ClientSecret = "client-secret-value";
        });
        harness.Cognito.ClientSecret = "client-secret-value";
        harness.Cognito.CognitoUsername = "5b1f-uuid";
        harness.Cognito.MustChangePassword = true;

        var tokens = await harness.Tokens.GetTokensAsync(Name);

        Assert.NotNull(tokens.AccessToken);
        var initiate = Assert.Single(harness.Cognito.Requests<InitiateAuthRequest>());
        Assert.Equal("USER_SRP_AUTH", initiate.AuthFlow);
        Assert.DoesNotContain("PASSWORD", initiate.AuthParameters!.Keys);
        Assert.Matches("^[0-9a-f]{700,770}$", initiate.AuthParameters["SRP_A"]);
        var answers = harness.Cognito.Requests<RespondToAuthChallengeRequest>().ToArray();
        Assert.Equal(["PASSWORD_VERIFIER", "NEW_PASSWORD_REQUIRED"], answers.Select(a => a.ChallengeName));
        var verifier = answers[0].ChallengeResponses!;
        Assert.Equal("5b1f-uuid", verifier["USERNAME"]);
        Assert.Equal(FakeCognito.Hash("client-secret-value", "5b1f-uuid"), verifier["SECRET_HASH"]);
        Assert.Equal("Thu Jan 15 09:00:00 UTC 2026", verifier["TIMESTAMP"]);
        Assert.All(harness.Cognito.Calls, c => Assert.DoesNotContain("TempPass123!", System.Text.Json.JsonSerializer.Serialize(c.Request), StringComparison.Ordinal));
    }

    [Fact]
    public async Task UserSrp_ProofRefused_IsNotAuthorizedAndPauses()
    {
        using var harness = new ClientHarness(o => o.AuthFlow = CognitoAuthFlow.UserSrp);
        harness.Cognito.RejectSrpProofs = true;

        var error = await Assert.ThrowsAsync<CognitoException>(() => harness.Tokens.GetTokensAsync(Name));
        await Assert.ThrowsAsync<CognitoException>(() => harness.Tokens.GetTokensAsync(Name));

        Assert.Equal(CognitoErrorCodes.NotAuthorized, error.ErrorCode);
        Assert.Single(harness.Cognito.Requests<InitiateAuthRequest>());
    }

    [Fact]
    public void UserSrp_WithoutAUserPoolId_FailsNamingTheKey()
    {
        using var harness = new ClientHarness(o =>
        {
            o.AuthFlow = CognitoAuthFlow.UserSrp;
            o.UserPoolId = null;
            o.Region = "ap-northeast-1";
        });

        var failures = Assert.Throws<OptionsValidationException>(() => harness.Tokens.GetTokensAsync(Name).GetAwaiter().GetResult()).Failures;

        Assert.Contains(failures, f => f.Contains("UserSrp flow needs the user pool id", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TotpSecret_SoftwareTokenMfa_AnswersWithTheCurrentCode()
    {
        var key = "12345678901234567890"u8.ToArray();
        using var harness = new ClientHarness(o => o.TotpSecret = FakeCognito.Base32Of(key).ToLowerInvariant());
        harness.Cognito.TotpKey = key;

        await harness.Tokens.GetTokensAsync(Name);

        var answer = Assert.Single(harness.Cognito.Requests<AdminRespondToAuthChallengeRequest>());
        Assert.Equal("SOFTWARE_TOKEN_MFA", answer.ChallengeName);
        var step = harness.Time.GetUtcNow().ToUnixTimeSeconds() / 30;
        Assert.Equal(FakeCognito.TotpOf(key, step), answer.ChallengeResponses!["SOFTWARE_TOKEN_MFA_CODE"]);
        Assert.Equal([step], harness.Cognito.AcceptedTotpSteps);
    }

    [Fact]
    public async Task TotpSecret_SecondSignInInTheSameStep_WaitsForTheNextStepsCode()
    {
        var key = "12345678901234567890"u8.ToArray();
        using var harness = new ClientHarness(o => o.TotpSecret = FakeCognito.Base32Of(key));
        harness.Cognito.TotpKey = key;
        await harness.Tokens.GetTokensAsync(Name);
        await harness.Tokens.SignOutAsync(Name);

        var signingIn = harness.Tokens.GetTokensAsync(Name);
        await WaitingForTheNextStepAsync(harness);

        Assert.False(signingIn.IsCompleted);
        harness.Time.Advance(TimeSpan.FromSeconds(30));
        await signingIn;

        var steps = harness.Cognito.AcceptedTotpSteps;
        Assert.Equal(2, steps.Count);
        Assert.Equal(steps[0] + 1, steps[1]); // never the same code twice
    }

    [Fact]
    public async Task TotpSecret_CodeUsedElsewhereInThisStep_AnswersAgainWithTheNextStepsCode()
    {
        var key = "12345678901234567890"u8.ToArray();
        using var harness = new ClientHarness(o => o.TotpSecret = FakeCognito.Base32Of(key));
        harness.Cognito.TotpKey = key;
        var step = harness.Time.GetUtcNow().ToUnixTimeSeconds() / 30;
        harness.Cognito.AcceptedTotpSteps.Add(step); // e.g. the enrolment's VerifySoftwareToken, in another process

        var signingIn = harness.Tokens.GetTokensAsync(Name);
        await WaitingForTheNextStepAsync(harness);
        harness.Time.Advance(TimeSpan.FromSeconds(30));
        var tokens = await signingIn;

        Assert.NotNull(tokens.AccessToken);
        Assert.Equal([step, step + 1], harness.Cognito.AcceptedTotpSteps);
        Assert.Contains(harness.Logs.GetSnapshot(), r => r.Id.Name == "CodeAlreadyUsed");
    }

    [Fact]
    public async Task SoftwareTokenMfa_NoTotpSecret_ClearErrorNamingTheKey()
    {
        using var harness = new ClientHarness();
        harness.Cognito.TotpKey = "12345678901234567890"u8.ToArray();

        var error = await Assert.ThrowsAsync<CognitoAuthenticationException>(() => harness.Tokens.GetTokensAsync(Name));

        Assert.Equal("SOFTWARE_TOKEN_MFA", error.ChallengeName);
        Assert.Contains("TotpSecret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MfaSetup_SaysHowToEnrol()
    {
        using var harness = new ClientHarness();
        harness.Cognito.Challenge = "MFA_SETUP";

        var error = await Assert.ThrowsAsync<CognitoAuthenticationException>(() => harness.Tokens.GetTokensAsync(Name));

        Assert.Equal("MFA_SETUP", error.ChallengeName);
        Assert.Contains("AuthorizationCode", error.Message, StringComparison.Ordinal); // where a person can enrol
        Assert.Contains("ICognitoTotpEnrolment", error.Message, StringComparison.Ordinal); // or, with MFA optional, the package's enrolment
        Assert.Contains("TotpSecret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TotpSecret_NotBase32_FailsAtStartWithoutEchoingIt()
    {
        using var harness = new ClientHarness(o => o.TotpSecret = "not-base32-1890!");

        var error = Assert.Throws<OptionsValidationException>(() => harness.Tokens.GetTokensAsync(Name).GetAwaiter().GetResult());

        Assert.Contains("TotpSecret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-base32-1890!", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChallengeHandler_AnswersAChallengeThePackageCannot()
    {
        var handler = new SmsCode("123456");
        using var harness = new ClientHarness(services: s => s.AddSingleton<ICognitoChallengeHandler>(handler));
        harness.Cognito.Challenge = "SMS_MFA";
        harness.Cognito.ChallengeAnswer = ("SMS_MFA_CODE", "123456");

        var tokens = await harness.Tokens.GetTokensAsync(Name);

        Assert.NotNull(tokens.AccessToken);
        var asked = Assert.Single(handler.Asked);
        Assert.Equal(Name, asked.ClientName);
        Assert.Equal("SMS_MFA", asked.ChallengeName);
        Assert.DoesNotContain("session", asked.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ChallengeHandler_DeclinesIt_ErrorSaysTheAppMustAnswerIt()
    {
        using var harness = new ClientHarness(services: s => s.AddSingleton<ICognitoChallengeHandler>(new SmsCode(null)));
        harness.Cognito.Challenge = "SMS_MFA";

        var error = await Assert.ThrowsAsync<CognitoAuthenticationException>(() => harness.Tokens.GetTokensAsync(Name));

        Assert.Contains("no ICognitoChallengeHandler answered it", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"SMS_MFA_CODE\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enrolment_ReturnsTheSecretOnceAndTheNextSignInAnswersTotpWithIt()
    {
        string? enrolled = null;
        using var harness = new ClientHarness(services: s => s.AddCognitoApiClient("with-totp", o =>
        {
            ClientHarness.Defaults(o);
            o.Username = "testuser@example.com";
            o.TotpSecret = enrolled;
        }));

        var secret = await harness.Services.GetRequiredService<ICognitoTotpEnrolment>().EnrolAsync(Name, "laptop");
        enrolled = secret.Secret;
        await harness.Tokens.SignOutAsync(Name);

        // The enrolment spent this step's code: the sign-in waits for the next step rather than send it again.
        var signingIn = harness.Tokens.GetTokensAsync("with-totp");
        await WaitingForTheNextStepAsync(harness);

        harness.Time.Advance(TimeSpan.FromSeconds(30));
        var tokens = await signingIn;

        Assert.NotNull(harness.Cognito.TotpKey);
        Assert.Equal(FakeCognito.Base32Of(harness.Cognito.TotpKey), secret.Secret);
        Assert.StartsWith("otpauth://totp/Cognito:testuser%40example.com?secret=", secret.OtpAuthUri.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret.Secret, secret.ToString(), StringComparison.Ordinal);
        Assert.Equal("laptop", Assert.Single(harness.Cognito.Requests<VerifySoftwareTokenRequest>()).FriendlyDeviceName);
        Assert.True(Assert.Single(harness.Cognito.Requests<SetUserMfaPreferenceRequest>()).SoftwareTokenMfaSettings!.PreferredMfa);
        Assert.NotNull(tokens.AccessToken);
        Assert.Equal("SOFTWARE_TOKEN_MFA", Assert.Single(harness.Cognito.Requests<AdminRespondToAuthChallengeRequest>()).ChallengeName);
    }

    [Fact]
    public void Options_ToString_HidesTheTotpSecret()
    {
        var options = new CognitoApiClientOptions { TotpSecret = "JBSWY3DPEHPK3PXP" };

        Assert.DoesNotContain("JBSWY3DPEHPK3PXP", options.ToString(), StringComparison.Ordinal);
        Assert.Contains("TotpSecret = ***", options.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Waits until the sign-in says it waits for the next TOTP step (its timer is then set on the fake clock).</summary>
    private static Task WaitingForTheNextStepAsync(ClientHarness harness) =>
        Poll.UntilAsync(() => harness.Logs.GetSnapshot().Any(r => r.Id.Name == "WaitingForTheNextTotpStep"), "The sign-in did not wait for the next TOTP step.");

    private sealed class SmsCode(string? code) : ICognitoChallengeHandler
    {
        public List<CognitoChallenge> Asked { get; } = [];

        public ValueTask<IReadOnlyDictionary<string, string>?> AnswerAsync(CognitoChallenge challenge, CancellationToken cancellationToken)
        {
            Asked.Add(challenge);
            return new(code is null ? null : new Dictionary<string, string> { ["SMS_MFA_CODE"] = code });
        }
    }
}
