using CognitoAuth.Client.Cognito.Model;
using CognitoAuth.Client.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CognitoAuth.Client.Tests.Authentication;

/// <summary>
/// <c>AuthFlow = CustomAuth</c> against a pool whose define/create/verify triggers ask questions: the app's challenge handler
/// answers each <c>CUSTOM_CHALLENGE</c> from its public parameters, for as many rounds as the pool asks; with
/// <c>CustomAuthWithSrp</c> the password is proved by SRP first; tokens are renewed like any flow's.
/// </summary>
public sealed class CustomAuthFlowTests
{
    private const string Name = CognitoApiClientOptions.DefaultName;

    private static readonly Dictionary<string, string> Answers = new(StringComparer.Ordinal)
    {
        ["What is 2 + 3?"] = "5",
        ["Capital of Japan?"] = "Tokyo",
        ["Colour of the sky?"] = "blue",
    };

    [Fact]
    public async Task SignIn_PoolAsksThreeQuestions_HandlerAnswersEachFromThePublicParameters_Tokens()
    {
        var handler = Quiz();
        using var harness = Harness(handler);
        harness.Cognito.CustomAuth!.Questions.AddRange([("Capital of Japan?", "Tokyo"), ("Colour of the sky?", "blue")]);

        var tokens = await harness.Tokens.GetTokensAsync(Name);

        Assert.NotNull(tokens.RefreshToken);
        var start = Assert.Single(harness.Cognito.Requests<InitiateAuthRequest>());
        Assert.Equal("CUSTOM_AUTH", start.AuthFlow);
        Assert.False(start.AuthParameters!.ContainsKey("SRP_A"));
        Assert.Equal(["What is 2 + 3?", "Capital of Japan?", "Colour of the sky?"], handler.Asked.Select(c => c.Parameters["question"]));
        Assert.All(handler.Asked, c => Assert.False(c.Parameters.ContainsKey("answer"))); // the private parameters stay in the pool
        Assert.Equal(["5", "Tokyo", "blue"], harness.Cognito.Requests<RespondToAuthChallengeRequest>().Select(r => r.ChallengeResponses!["ANSWER"]));
    }

    [Fact]
    public async Task SignIn_WithSrp_ProvesThePasswordFirst_ThenTheCustomChallenge()
    {
        var handler = Quiz();
        using var harness = Harness(handler, o =>
        {
            o.Password = "TempPass123!";
            o.CustomAuthWithSrp = true;
        });

        await harness.Tokens.GetTokensAsync(Name);

        var start = Assert.Single(harness.Cognito.Requests<InitiateAuthRequest>());
        Assert.Equal("SRP_A", start.AuthParameters!["CHALLENGE_NAME"]);
        Assert.Matches("^[0-9a-f]+$", start.AuthParameters["SRP_A"]);
        Assert.Equal(["PASSWORD_VERIFIER", "CUSTOM_CHALLENGE"], harness.Cognito.Requests<RespondToAuthChallengeRequest>().Select(r => r.ChallengeName));
        Assert.Equal(["SRP_A", "PASSWORD_VERIFIER", "CUSTOM_CHALLENGE"], harness.Cognito.CustomAuth!.DefineCalls[^1].Select(r => r.ChallengeName));
        Assert.All(harness.Cognito.CustomAuth.DefineCalls[^1], r => Assert.True(r.Passed));
    }

    [Fact]
    public async Task SignIn_WithSrpAndAWrongPassword_ThePoolFailsTheSignIn()
    {
        using var harness = Harness(Quiz(), o =>
        {
            o.Password = "TempPass123!";
            o.CustomAuthWithSrp = true;
        });
        harness.Cognito.RejectSrpProofs = true;

        var error = await Assert.ThrowsAsync<CognitoException>(() => harness.Tokens.GetTokensAsync(Name));

        Assert.Equal("NotAuthorizedException", error.ErrorCode);
        Assert.Equal(["SRP_A", "PASSWORD_VERIFIER"], harness.Cognito.CustomAuth!.DefineCalls[^1].Select(r => r.ChallengeName));
    }

    [Fact]
    public async Task SignIn_WrongAnswer_IsThePoolsRefusal()
    {
        using var harness = Harness(RecordingChallengeHandler.For("CUSTOM_CHALLENGE", "ANSWER", _ => "4"));

        var error = await Assert.ThrowsAsync<CognitoException>(() => harness.Tokens.GetTokensAsync(Name));

        Assert.Equal("NotAuthorizedException", error.ErrorCode);
    }

    [Fact]
    public async Task SignIn_NoHandler_ClearErrorNamingTheHandlerAndTheAnswerKey()
    {
        using var harness = Harness(handler: null);

        var error = await Assert.ThrowsAsync<CognitoAuthenticationException>(() => harness.Tokens.GetTokensAsync(Name));

        Assert.Equal("CUSTOM_CHALLENGE", error.ChallengeName);
        Assert.Contains("no ICognitoChallengeHandler answered it", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"ANSWER\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("worker", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Renewal_UsesTheRefreshToken_ThenTheCustomFlowAgainWhenItIsSpent()
    {
        var handler = Quiz();
        using var harness = Harness(handler);
        await harness.Tokens.GetTokensAsync(Name);

        harness.Time.Advance(TimeSpan.FromHours(1));
        await harness.Tokens.GetTokensAsync(Name);

        Assert.Equal(1, harness.Cognito.Refreshes);
        Assert.Single(handler.Asked); // the refresh asked nobody

        harness.Cognito.ExpireRefreshTokens();
        harness.Time.Advance(TimeSpan.FromHours(1));
        await harness.Tokens.GetTokensAsync(Name);

        Assert.Equal(2, harness.Cognito.Requests<InitiateAuthRequest>().Count(r => r.AuthFlow == "CUSTOM_AUTH"));
        Assert.Equal(2, handler.Asked.Count);
    }

    [Fact]
    public void Options_CustomAuth_RequireTheUserAndThePasswordOnlyWithSrp()
    {
        using var noUser = Harness(Quiz(), o => o.Username = null);
        Assert.Contains(Failures(noUser), f => f.Contains("Username", StringComparison.Ordinal));

        using var passwordWithoutSrp = Harness(Quiz(), o => o.Password = "TempPass123!");
        Assert.Contains(Failures(passwordWithoutSrp), f => f.Contains("uses the password only with CustomAuthWithSrp", StringComparison.Ordinal));

        using var srpWithoutPassword = Harness(Quiz(), o => o.CustomAuthWithSrp = true);
        Assert.Contains(Failures(srpWithoutPassword), f => f.Contains("set the user's password", StringComparison.Ordinal));

        using var srpOnAnotherFlow = new ClientHarness(o => o.CustomAuthWithSrp = true);
        Assert.Contains(Failures(srpOnAnotherFlow), f => f.Contains("CustomAuthWithSrp applies only to AuthFlow CustomAuth;", StringComparison.Ordinal));
    }

    private static IEnumerable<string> Failures(ClientHarness harness) =>
        Assert.Throws<OptionsValidationException>(() => harness.Tokens.GetTokensAsync(Name).GetAwaiter().GetResult()).Failures;

    private static RecordingChallengeHandler Quiz() =>
        RecordingChallengeHandler.For("CUSTOM_CHALLENGE", "ANSWER", c => Answers[c.Parameters["question"]]);

    private static ClientHarness Harness(RecordingChallengeHandler? handler, Action<CognitoApiClientOptions>? configure = null)
    {
        var harness = new ClientHarness(
            o =>
            {
                o.AuthFlow = CognitoAuthFlow.CustomAuth;
                o.Password = null;
                configure?.Invoke(o);
            },
            s =>
            {
                if (handler is not null)
                {
                    s.AddSingleton<ICognitoChallengeHandler>(handler);
                }
            });
        harness.Cognito.CustomAuth = new FakeCustomAuthPool();
        return harness;
    }
}
