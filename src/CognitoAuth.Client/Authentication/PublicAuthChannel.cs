using CognitoAuth.Client.Cognito;
using CognitoAuth.Client.Cognito.Model;
using CognitoAuth.Client.Configuration;

namespace CognitoAuth.Client.Authentication;

/// <summary><c>InitiateAuth</c> and <c>RespondToAuthChallenge</c>: unsigned, needing no AWS credentials.</summary>
internal sealed class PublicAuthChannel(ICognitoIdentityProvider cognito, TimeProvider timeProvider) : IAuthChannel
{
    public async Task<SignInStep> InitiateAsync(CognitoClientContext client, string authFlow, Dictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        var sentAt = timeProvider.GetUtcNow();
        var response = await cognito.InitiateAuthAsync(
            client.Endpoint,
            new InitiateAuthRequest { AuthFlow = authFlow, ClientId = client.ClientId, AuthParameters = parameters },
            cancellationToken).ConfigureAwait(false);
        return AuthenticationResults.Step(response, sentAt);
    }

    public async Task<SignInStep> RespondAsync(CognitoClientContext client, SignInStep challenge, Dictionary<string, string> responses, CancellationToken cancellationToken)
    {
        var sentAt = timeProvider.GetUtcNow();
        var response = await cognito.RespondToAuthChallengeAsync(
            client.Endpoint,
            new RespondToAuthChallengeRequest
            {
                ClientId = client.ClientId,
                ChallengeName = challenge.ChallengeName!,
                Session = challenge.Session,
                ChallengeResponses = responses,
            },
            cancellationToken).ConfigureAwait(false);
        return AuthenticationResults.Step(response, sentAt);
    }
}
