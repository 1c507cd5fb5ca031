using CognitoAuth.Client.Cognito.Model;
using CognitoAuth.Client.Tests.Fakes;

namespace CognitoAuth.Client.Tests.Authentication;

/// <summary>
/// The known edge of retrying <c>RespondToAuthChallenge</c>: when the first attempt got through but its answer was lost,
/// the wire layer's retry finds the single-use session spent (NotAuthorized) although the new password is set. The
/// sign-in then completes with the new password in the same call; a genuine rejection still surfaces as itself.
/// </summary>
public sealed class ChallengeAnswerRetryTests
{
    private const string Name = CognitoApiClientOptions.DefaultName;

    [Theory]
    [InlineData(CognitoAuthFlow.AdminUserPassword, "AdminRespondToAuthChallengeAsync")]
    [InlineData(CognitoAuthFlow.UserPassword, "RespondToAuthChallengeAsync")]
    public async Task GetTokens_AnswerProcessedButItsResponseLost_SignsInWithTheNewPasswordInTheSameCall(CognitoAuthFlow flow, string respondOperation)
    {
        using var harness = new ClientHarness(o => { o.AuthFlow = flow; o.NewPassword = ClientHarness.NewPassword; });
        harness.Cognito.MustChangePassword = true;
        harness.Cognito.LostChallengeAnswers = 1;

        var tokens = await harness.Tokens.GetTokensAsync(Name);

        Assert.NotNull(tokens.AccessToken);
        Assert.Equal(ClientHarness.NewPassword, harness.Cognito.Password); // the lost answer did set it
        Assert.Equal(1, harness.Cognito.Count(respondOperation));
        Assert.Equal(["TempPass123!", ClientHarness.NewPassword], Passwords(harness));
        Assert.Contains(harness.Logs.GetSnapshot(), r => r.Id.Name == "TryingOtherPassword");
    }

    [Fact]
    public async Task GetTokens_AfterRecoveringFromALostAnswer_LaterSignInsStartWithTheNewPassword()
    {
        using var harness = new ClientHarness(o => o.NewPassword = ClientHarness.NewPassword);
        harness.Cognito.MustChangePassword = true;
        harness.Cognito.LostChallengeAnswers = 1;
        await harness.Tokens.GetTokensAsync(Name);
        await harness.Tokens.SignOutAsync(Name);
        harness.Cognito.Calls.Clear();

        await harness.Tokens.GetTokensAsync(Name);

        Assert.Equal([ClientHarness.NewPassword], Passwords(harness));
    }

    [Fact]
    public async Task GetTokens_AnswerGenuinelyRejected_ThrowsThatRejectionAfterOneSignInWithTheNewPassword()
    {
        using var harness = new ClientHarness(o => o.NewPassword = ClientHarness.NewPassword);
        harness.Cognito.MustChangePassword = true;
        harness.Cognito.RejectChallengeAnswers = true;

        var exception = await Assert.ThrowsAsync<CognitoException>(() => harness.Tokens.GetTokensAsync(Name));

        Assert.Equal(CognitoErrorCodes.NotAuthorized, exception.ErrorCode);
        Assert.Equal("Invalid session for the user, session is expired.", exception.Message); // not the probe's "Incorrect username or password."
        Assert.Equal(3, harness.Cognito.Calls.Count); // initiate, answer, one probe with the new password: no loop
    }

    private static string[] Passwords(ClientHarness harness) =>
    [
        .. harness.Cognito.Calls.Select(c => c.Request switch
        {
            AdminInitiateAuthRequest admin => admin.AuthParameters!["PASSWORD"],
            InitiateAuthRequest user => user.AuthParameters!["PASSWORD"],
            _ => null,
        }).OfType<string>(),
    ];
}
