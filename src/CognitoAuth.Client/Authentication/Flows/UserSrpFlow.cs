using CognitoAuth.Client.Authentication.Srp;
using CognitoAuth.Client.Cognito.Model;
using CognitoAuth.Client.Configuration;

namespace CognitoAuth.Client.Authentication.Flows;

/// <summary>
/// <see cref="CognitoAuthFlow.UserSrp"/>: <c>InitiateAuth</c> with <c>USER_SRP_AUTH</c> and <c>SRP_A</c>; the
/// <c>PASSWORD_VERIFIER</c> challenge that follows is answered by <see cref="Challenges.PasswordVerifierResponder"/> with this
/// sign-in's ephemeral key, which the flow leaves on the attempt.
/// </summary>
internal sealed class UserSrpFlow(PublicAuthChannel channel, RefreshTokenRenewal refresh) : ISignInFlow
{
    public CognitoAuthFlow AuthFlow => CognitoAuthFlow.UserSrp;

    public string Name => "user_srp";

    public Task<SignInStep> StartAsync(SignInAttempt attempt, CancellationToken cancellationToken)
    {
        var srp = SrpSignIn.Start();
        attempt.Set(srp);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [AuthParameterNames.Username] = attempt.Client.Username,
            [AuthParameterNames.SrpA] = srp.SrpA,
        };
        if (attempt.Client.SignInSecretHash is { } secretHash)
        {
            parameters[AuthParameterNames.SecretHash] = secretHash;
        }

        return channel.InitiateAsync(attempt.Client, AuthFlowType.UserSrpAuth, parameters, cancellationToken);
    }

    public Task<SignInStep> RespondAsync(SignInAttempt attempt, SignInStep challenge, Dictionary<string, string> responses, CancellationToken cancellationToken) =>
        channel.RespondAsync(attempt.Client, challenge, responses, cancellationToken);

    public Task<CognitoTokenSet> RefreshAsync(SignInAttempt attempt, CognitoTokenSet current, CancellationToken cancellationToken) =>
        refresh.RefreshAsync(channel, attempt, current, cancellationToken);
}
