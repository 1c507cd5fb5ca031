using CognitoAuth.Client.Cognito;
using CognitoAuth.Client.Cognito.Model;
using CognitoAuth.Client.Configuration;

namespace CognitoAuth.Client.Authentication;

/// <summary><c>AdminInitiateAuth</c> and <c>AdminRespondToAuthChallenge</c>: SigV4-signed, in the configured user pool.</summary>
internal sealed class AdminAuthChannel(ICognitoIdentityProvider cognito, TimeProvider timeProvider) : IAuthChannel
{
    public async Task<SignInStep> InitiateAsync(CognitoClientContext client, string authFlow, Dictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        var sentAt = timeProvider.GetUtcNow();
        var response = await cognito.AdminInitiateAuthAsync(
            client.Endpoint,
            new AdminInitiateAuthRequest { UserPoolId = client.Options.UserPoolId!, ClientId = client.ClientId, AuthFlow = authFlow, AuthParameters = parameters },
            cancellationToken).ConfigureAwait(false);
        return AuthenticationResults.Step(response, sentAt);
    }

    public async Task<SignInStep> RespondAsync(CognitoClientContext client, SignInStep challenge, Dictionary<string, string> responses, CancellationToken cancellationToken)
    {
        var sentAt = timeProvider.GetUtcNow();
        var response = await cognito.AdminRespondToAuthChallengeAsync(
            client.Endpoint,
            new AdminRespondToAuthChallengeRequest
            {
                UserPoolId = client.Options.UserPoolId!,
                ClientId = client.ClientId,
                ChallengeName = challenge.ChallengeName!,
                Session = challenge.Session,
                ChallengeResponses = responses,
            },
            cancellationToken).ConfigureAwait(false);
        return AuthenticationResults.Step(response, sentAt);
    }
}
