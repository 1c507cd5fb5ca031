using CognitoAuth.Client.Authentication.Srp;
using CognitoAuth.Client.Cognito.Model;
using CognitoAuth.Client.Configuration;
using Microsoft.Extensions.Options;

namespace CognitoAuth.Client.Authentication.Flows;

/// <summary>
/// <see cref="CognitoAuthFlow.UserSrp"/>: <c>InitiateAuth</c> with <c>USER_SRP_AUTH</c> and <c>SRP_A</c>; the
/// <c>PASSWORD_VERIFIER</c> challenge that follows is answered by <see cref="Challenges.PasswordVerifierResponder"/> from the
/// attempt's <see cref="SignInAttempt.Srp"/>.
/// </summary>
internal sealed class UserSrpFlow(PublicAuthChannel channel, RefreshTokenRenewal refresh) : IChallengeFlow
{
    public CognitoAuthFlow AuthFlow => CognitoAuthFlow.UserSrp;

    public string Name => "user_srp";

    public IReadOnlySet<string> Keys => OptionKeys.User;

    public void Validate(CognitoApiClientOptions options, ValidateOptionsResultBuilder errors)
    {
        FlowRules.RequireUser(options, errors);
        FlowRules.RequireUserPoolId(options, errors, "the part after '_' enters the SRP proof");
    }

    public string StoreKey(CognitoClientContext client) => client.UserStoreKey();

    public Task<SignInStep> StartAsync(SignInAttempt attempt, CancellationToken cancellationToken)
    {
        attempt.Srp = SrpSignIn.Start();
        var parameters = attempt.StartParameters();
        parameters[AuthParameterNames.SrpA] = attempt.Srp.SrpA;

        return channel.InitiateAsync(attempt.Client, AuthFlowType.UserSrpAuth, parameters, cancellationToken);
    }

    public Task<SignInStep> RespondAsync(SignInAttempt attempt, SignInStep challenge, Dictionary<string, string> responses, CancellationToken cancellationToken) =>
        channel.RespondAsync(attempt.Client, challenge, responses, cancellationToken);

    public Task<CognitoTokenSet> RefreshAsync(SignInAttempt attempt, CognitoTokenSet current, CancellationToken cancellationToken) =>
        refresh.RefreshAsync(channel, attempt, current, cancellationToken);
}
