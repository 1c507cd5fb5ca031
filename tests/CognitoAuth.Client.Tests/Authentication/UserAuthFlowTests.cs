using CognitoAuth.Client.Cognito.Model;
using CognitoAuth.Client.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CognitoAuth.Client.Tests.Authentication;

/// <summary>
/// <c>AuthFlow = UserAuth</c> (choice-based sign-in) against a pool that allows PASSWORD, PASSWORD_SRP and EMAIL_OTP: the
/// preferred factor is asked for at once; without one, SELECT_CHALLENGE is answered with the first factor the client can
/// complete; codes that reach a person are asked of the app's challenge handler; passkeys are refused clearly.
/// </summary>
public sealed class UserAuthFlowTests
{
    private const string Name = CognitoApiClientOptions.DefaultName;

    [Fact]
    public async Task SignIn_PreferredPassword_SendsItWithInitiateAuth()
    {
        using var harness = Harness(o => o.PreferredChallenge = "PASSWORD");

        Assert.NotNull((await harness.Tokens.GetTokensAsync(Name)).RefreshToken);

        var start = Assert.Single(harness.Cognito.Requests<InitiateAuthRequest>());
        Assert.Equal("USER_AUTH", start.AuthFlow);
        Assert.Equal("PASSWORD", start.AuthParameters!["PREFERRED_CHALLENGE"]);
        Assert.Equal("TempPass123!", start.AuthParameters["PASSWORD"]);
        Assert.Empty(harness.Cognito.Requests<RespondToAuthChallengeRequest>());
    }

    [Fact]
    public async Task SignIn_PreferredPasswordSrp_ProvesThePasswordWithoutSendingIt()
    {
        using var harness = Harness(o => o.PreferredChallenge = "PASSWORD_SRP");

        await harness.Tokens.GetTokensAsync(Name);

        var start = Assert.Single(harness.Cognito.Requests<InitiateAuthRequest>());
        Assert.False(start.AuthParameters!.ContainsKey("PASSWORD"));
        Assert.Matches("^[0-9a-f]+$", start.AuthParameters["SRP_A"]);
        Assert.Equal(["PASSWORD_VERIFIER"], harness.Cognito.Requests<RespondToAuthChallengeRequest>().Select(r => r.ChallengeName));
    }

    [Fact]
    public async Task SignIn_PreferredEmailOtp_TheHandlerAnswersWithTheCodeFromTheInbox()
    {
        FakeCognito? cognito = null;
        var person = RecordingChallengeHandler.For("EMAIL_OTP", "EMAIL_OTP_CODE", _ => cognito!.Inbox[^1].Code);
        using var harness = Harness(o => { o.PreferredChallenge = "EMAIL_OTP"; o.Password = null; }, person);
        cognito = harness.Cognito;

        await harness.Tokens.GetTokensAsync(Name);

        var asked = Assert.Single(person.Asked);
        Assert.Equal("t***@e***", asked.Parameters["CODE_DELIVERY_DESTINATION"]);
        Assert.Equal(harness.Cognito.Inbox[^1].Code, Assert.Single(harness.Cognito.Requests<RespondToAuthChallengeRequest>()).ChallengeResponses!["EMAIL_OTP_CODE"]);
    }

    [Fact]
    public async Task SignIn_WrongCode_IsCodeMismatch()
    {
        using var harness = Harness(o => { o.PreferredChallenge = "EMAIL_OTP"; o.Password = null; }, RecordingChallengeHandler.For("EMAIL_OTP", "EMAIL_OTP_CODE", _ => "000000x"));

        var error = await Assert.ThrowsAsync<CognitoException>(() => harness.Tokens.GetTokensAsync(Name));

        Assert.Equal("CodeMismatchException", error.ErrorCode);
    }

    [Fact]
    public async Task SignIn_NoPreferenceWithAPassword_SelectsTheFirstFactorItCanComplete_PasswordSrp()
    {
        using var harness = Harness();

        await harness.Tokens.GetTokensAsync(Name);

        Assert.False(Assert.Single(harness.Cognito.Requests<InitiateAuthRequest>()).AuthParameters!.ContainsKey("PREFERRED_CHALLENGE"));
        var answers = harness.Cognito.Requests<RespondToAuthChallengeRequest>().ToList();
        Assert.Equal(["SELECT_CHALLENGE", "PASSWORD_VERIFIER"], answers.Select(r => r.ChallengeName));
        Assert.Equal("PASSWORD_SRP", answers[0].ChallengeResponses!["ANSWER"]);
        Assert.Matches("^[0-9a-f]+$", answers[0].ChallengeResponses!["SRP_A"]);
    }

    [Fact]
    public async Task SignIn_NoPreferenceNoPassword_SelectsTheEmailCode_AndAsksTheHandler()
    {
        FakeCognito? cognito = null;
        var person = RecordingChallengeHandler.For("EMAIL_OTP", "EMAIL_OTP_CODE", _ => cognito!.Inbox[^1].Code);
        using var harness = Harness(o => o.Password = null, person);
        cognito = harness.Cognito;

        await harness.Tokens.GetTokensAsync(Name);

        var answers = harness.Cognito.Requests<RespondToAuthChallengeRequest>().ToList();
        Assert.Equal(["SELECT_CHALLENGE", "EMAIL_OTP"], answers.Select(r => r.ChallengeName));
        Assert.Equal("EMAIL_OTP", answers[0].ChallengeResponses!["ANSWER"]);
        Assert.Equal(["SELECT_CHALLENGE", "EMAIL_OTP"], person.AskedNames); // asked first each time; it answers only the code
    }

    [Fact]
    public async Task SignIn_AppHandlerChoosesAtSelectChallenge_ItsChoiceWinsOverTheBuiltInOrder()
    {
        FakeCognito? cognito = null;
        var person = new RecordingChallengeHandler(c => c.ChallengeName switch
        {
            "SELECT_CHALLENGE" when c.AvailableChallenges.Contains("EMAIL_OTP") => new Dictionary<string, string> { ["ANSWER"] = "EMAIL_OTP" },
            "EMAIL_OTP" => new Dictionary<string, string> { ["EMAIL_OTP_CODE"] = cognito!.Inbox[^1].Code },
            _ => null,
        });
        using var harness = Harness(handler: person);
        cognito = harness.Cognito;

        await harness.Tokens.GetTokensAsync(Name);

        Assert.Equal(["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"], person.Asked.First().AvailableChallenges);
        Assert.Equal("EMAIL_OTP", harness.Cognito.Requests<RespondToAuthChallengeRequest>().First().ChallengeResponses!["ANSWER"]);
    }

    [Fact]
    public async Task SignIn_NothingItCanComplete_SaysWhatIsMissing()
    {
        using var harness = Harness(o => o.Password = null);

        var error = await Assert.ThrowsAsync<CognitoAuthenticationException>(() => harness.Tokens.GetTokensAsync(Name));

        Assert.Equal("SELECT_CHALLENGE", error.ChallengeName);
        Assert.Contains("PASSWORD, PASSWORD_SRP, EMAIL_OTP", error.Message, StringComparison.Ordinal);
        Assert.Contains("configure the Password", error.Message, StringComparison.Ordinal);
        Assert.Contains("ICognitoChallengeHandler", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_OnlyPasskeysOffered_RefusedClearly()
    {
        using var harness = Harness();
        harness.Cognito.AllowedFirstAuthFactors.Clear();
        harness.Cognito.AllowedFirstAuthFactors.Add("WEB_AUTHN");

        var error = await Assert.ThrowsAsync<CognitoAuthenticationException>(() => harness.Tokens.GetTokensAsync(Name));

        Assert.Contains("WEB_AUTHN (passkeys) is not supported by this client", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_SmsMfaAfterThePassword_TheHandlerAnswersIt_WithoutOneAClearError()
    {
        var phone = RecordingChallengeHandler.For("SMS_MFA", "SMS_MFA_CODE", _ => "246810");
        using (var harness = Harness(o => o.PreferredChallenge = "PASSWORD", phone))
        {
            harness.Cognito.Challenge = "SMS_MFA";
            harness.Cognito.ChallengeAnswer = ("SMS_MFA_CODE", "246810");

            Assert.NotNull((await harness.Tokens.GetTokensAsync(Name)).AccessToken);
            Assert.Equal(["SMS_MFA"], phone.AskedNames);
        }

        using var nobody = Harness(o => o.PreferredChallenge = "PASSWORD");
        nobody.Cognito.Challenge = "SMS_MFA";

        var error = await Assert.ThrowsAsync<CognitoAuthenticationException>(() => nobody.Tokens.GetTokensAsync(Name));
        Assert.Equal("SMS_MFA", error.ChallengeName);
        Assert.Contains("\"SMS_MFA_CODE\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_EmailCodeAsMfaAfterThePassword_TheHandlerAnswersIt()
    {
        var person = RecordingChallengeHandler.For("EMAIL_OTP", "EMAIL_OTP_CODE", _ => "135790");
        using var harness = new ClientHarness(o => o.AuthFlow = CognitoAuthFlow.UserPassword, s => s.AddSingleton<ICognitoChallengeHandler>(person));
        harness.Cognito.Challenge = "EMAIL_OTP";
        harness.Cognito.ChallengeAnswer = ("EMAIL_OTP_CODE", "135790");

        Assert.NotNull((await harness.Tokens.GetTokensAsync(Name)).AccessToken);

        Assert.Equal(["EMAIL_OTP"], person.AskedNames);
    }

    [Theory]
    [InlineData("WEB_AUTHN", "WEB_AUTHN (passkeys) is not supported by this client")]
    [InlineData("password", "'password' is not a first factor of USER_AUTH")]
    public void Options_PreferredChallengeItCannotComplete_FailsNamingTheKey(string preferred, string message)
    {
        using var harness = Harness(o => o.PreferredChallenge = preferred);

        var failures = Assert.Throws<OptionsValidationException>(() => harness.Tokens.GetTokensAsync(Name).GetAwaiter().GetResult()).Failures;

        Assert.Contains(failures, f => f.Contains(message, StringComparison.Ordinal) && f.Contains("PreferredChallenge", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_PreferredChallengeOnAnotherFlow_IsRefused()
    {
        using var harness = new ClientHarness(o => o.PreferredChallenge = "PASSWORD");

        var failures = Assert.Throws<OptionsValidationException>(() => harness.Tokens.GetTokensAsync(Name).GetAwaiter().GetResult()).Failures;

        Assert.Contains(failures, f => f.Contains("PreferredChallenge applies only to AuthFlow UserAuth;", StringComparison.Ordinal));
    }

    private static ClientHarness Harness(Action<CognitoApiClientOptions>? configure = null, ICognitoChallengeHandler? handler = null) =>
        new(
            o =>
            {
                o.AuthFlow = CognitoAuthFlow.UserAuth;
                configure?.Invoke(o);
            },
            s =>
            {
                if (handler is not null)
                {
                    s.AddSingleton(handler);
                }
            });
}
