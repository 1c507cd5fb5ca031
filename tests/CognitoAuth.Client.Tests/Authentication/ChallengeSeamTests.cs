using CognitoAuth.Client.Authentication;
using CognitoAuth.Client.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace CognitoAuth.Client.Tests.Authentication;

/// <summary>
/// The sign-in loop answers each challenge with the responder registered for its name, until tokens arrive; a challenge no
/// responder knows is the "unsupported challenge" error. A new challenge is one class and one registration.
/// </summary>
public sealed class ChallengeSeamTests
{
    private const string Name = CognitoApiClientOptions.DefaultName;

    [Fact]
    public async Task SignIn_ARegisteredResponderKnowsTheChallenge_AnswersItWithUserNameAndSecretHash()
    {
        using var harness = new ClientHarness(
            o => o.ClientSecret = "client-secret-value",
            s => s.AddSingleton<IChallengeResponder>(new FixedAnswer("CUSTOM_CHALLENGE", "ANSWER", "42")));
        harness.Cognito.ClientSecret = "client-secret-value";
        harness.Cognito.CognitoUsername = "5b1f-uuid";
        harness.Cognito.Challenge = "CUSTOM_CHALLENGE";
        harness.Cognito.ChallengeAnswer = ("ANSWER", "42");

        var tokens = await harness.Tokens.GetTokensAsync(Name);

        Assert.NotNull(tokens.AccessToken);
        var answer = Assert.Single(harness.Cognito.Requests<CognitoAuth.Client.Cognito.Model.AdminRespondToAuthChallengeRequest>());
        Assert.Equal("CUSTOM_CHALLENGE", answer.ChallengeName);
        Assert.Equal("5b1f-uuid", answer.ChallengeResponses!["USERNAME"]); // Cognito's own name, from USER_ID_FOR_SRP
        Assert.Equal(FakeCognito.Hash("client-secret-value", "5b1f-uuid"), answer.ChallengeResponses["SECRET_HASH"]);
    }

    [Fact]
    public async Task SignIn_NoResponderKnowsTheChallenge_UnsupportedChallengeNamingWhatIsAnswered()
    {
        using var harness = new ClientHarness();
        harness.Cognito.Challenge = "SELECT_MFA_TYPE";

        var error = await Assert.ThrowsAsync<CognitoAuthenticationException>(() => harness.Tokens.GetTokensAsync(Name));

        Assert.Equal("SELECT_MFA_TYPE", error.ChallengeName);
        Assert.Contains("unsupported challenge SELECT_MFA_TYPE", error.Message, StringComparison.Ordinal);
        Assert.Contains("NEW_PASSWORD_REQUIRED", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_TokensAfterTheFifthAnswer_AreTaken_ASixthChallengeIsTheKeptAskingError()
    {
        using var five = new ClientHarness(services: s => s.AddSingleton<IChallengeResponder>(new FixedAnswer("CUSTOM_CHALLENGE", "ANSWER", "42")));
        five.Cognito.Challenge = "CUSTOM_CHALLENGE";
        five.Cognito.ChallengeAnswer = ("ANSWER", "42");
        five.Cognito.ChallengeRepeats = 4;

        Assert.NotNull((await five.Tokens.GetTokensAsync(Name)).AccessToken);
        Assert.Equal(5, five.Cognito.Requests<CognitoAuth.Client.Cognito.Model.AdminRespondToAuthChallengeRequest>().Count());

        using var six = new ClientHarness(services: s => s.AddSingleton<IChallengeResponder>(new FixedAnswer("CUSTOM_CHALLENGE", "ANSWER", "42")));
        six.Cognito.Challenge = "CUSTOM_CHALLENGE";
        six.Cognito.ChallengeAnswer = ("ANSWER", "42");
        six.Cognito.ChallengeRepeats = 5;

        var error = await Assert.ThrowsAsync<CognitoAuthenticationException>(() => six.Tokens.GetTokensAsync(Name));
        Assert.Equal("Cognito kept asking for challenges after 5 answers.", error.Message);
        Assert.Equal("CUSTOM_CHALLENGE", error.ChallengeName);
        Assert.Equal(5, six.Cognito.Requests<CognitoAuth.Client.Cognito.Model.AdminRespondToAuthChallengeRequest>().Count());
    }

    [Fact]
    public async Task SignIn_WrongAnswer_IsCognitosErrorUnchanged()
    {
        using var harness = new ClientHarness(services: s => s.AddSingleton<IChallengeResponder>(new FixedAnswer("CUSTOM_CHALLENGE", "ANSWER", "41")));
        harness.Cognito.Challenge = "CUSTOM_CHALLENGE";
        harness.Cognito.ChallengeAnswer = ("ANSWER", "42");

        var error = await Assert.ThrowsAsync<CognitoException>(() => harness.Tokens.GetTokensAsync(Name));

        Assert.Equal("CodeMismatchException", error.ErrorCode);
    }

    [Fact]
    public async Task SignIn_AppHandlerAnswersSoftwareTokenMfa_ItsCodeIsSentInsteadOfTheBuiltInOne()
    {
        var key = new byte[20];
        Random.Shared.NextBytes(key);
        var vault = RecordingChallengeHandler.For("SOFTWARE_TOKEN_MFA", "SOFTWARE_TOKEN_MFA_CODE", _ => "from-the-vault");
        using var harness = new ClientHarness(o => o.TotpSecret = FakeCognito.Base32Of(key), s => s.AddSingleton<ICognitoChallengeHandler>(vault));
        harness.Cognito.TotpKey = key;
        var step = harness.Time.GetUtcNow().ToUnixTimeSeconds() / 30;

        // The configured secret would answer right; the vault's answer is the one sent (and here, wrong).
        var error = await Assert.ThrowsAsync<CognitoException>(() => harness.Tokens.GetTokensAsync(Name));

        Assert.Equal("CodeMismatchException", error.ErrorCode);
        var answer = Assert.Single(harness.Cognito.Requests<CognitoAuth.Client.Cognito.Model.AdminRespondToAuthChallengeRequest>());
        Assert.Equal("from-the-vault", answer.ChallengeResponses!["SOFTWARE_TOKEN_MFA_CODE"]);
        Assert.DoesNotContain(step, harness.Cognito.AcceptedTotpSteps);
    }

    [Fact]
    public async Task SignIn_AppHandlerAnswersNewPasswordRequired_WithoutAConfiguredNewPassword()
    {
        var prompt = RecordingChallengeHandler.For("NEW_PASSWORD_REQUIRED", "NEW_PASSWORD", _ => "Typed-At-A-Prompt-1!");
        using var harness = new ClientHarness(services: s => s.AddSingleton<ICognitoChallengeHandler>(prompt));
        harness.Cognito.MustChangePassword = true;

        Assert.NotNull((await harness.Tokens.GetTokensAsync(Name)).AccessToken);

        Assert.Equal("Typed-At-A-Prompt-1!", harness.Cognito.Password);
        Assert.Equal(["NEW_PASSWORD_REQUIRED"], prompt.AskedNames);
    }

    [Fact]
    public async Task SignIn_AppHandlerDeclines_TheBuiltInAnswerIsTheDefault()
    {
        var declines = new RecordingChallengeHandler(_ => null);
        using var harness = new ClientHarness(o => o.NewPassword = ClientHarness.NewPassword, s => s.AddSingleton<ICognitoChallengeHandler>(declines));
        harness.Cognito.MustChangePassword = true;

        Assert.NotNull((await harness.Tokens.GetTokensAsync(Name)).AccessToken);

        Assert.Equal(ClientHarness.NewPassword, harness.Cognito.Password);
        Assert.Equal(["NEW_PASSWORD_REQUIRED"], declines.AskedNames); // asked first, and it let the built-in answer
    }

    private sealed class FixedAnswer(string challenge, string key, string value) : IChallengeResponder
    {
        public string ChallengeName => challenge;

        public ValueTask AnswerAsync(SignInAttempt attempt, SignInStep step, Dictionary<string, string> responses, CancellationToken cancellationToken)
        {
            responses[key] = value;
            return ValueTask.CompletedTask;
        }
    }
}
