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
        harness.Cognito.Challenge = "CUSTOM_CHALLENGE";

        var error = await Assert.ThrowsAsync<CognitoAuthenticationException>(() => harness.Tokens.GetTokensAsync(Name));

        Assert.Equal("CUSTOM_CHALLENGE", error.ChallengeName);
        Assert.Contains("unsupported challenge CUSTOM_CHALLENGE", error.Message, StringComparison.Ordinal);
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
