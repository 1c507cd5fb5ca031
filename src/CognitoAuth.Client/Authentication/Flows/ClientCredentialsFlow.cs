using CognitoAuth.Client.Authentication.Interactive;
using CognitoAuth.Client.Cognito.OAuth;
using CognitoAuth.Client.Configuration;

namespace CognitoAuth.Client.Authentication.Flows;

/// <summary>
/// <see cref="CognitoAuthFlow.ClientCredentials"/>: the OAuth 2.0 client-credentials grant at the pool domain's token
/// endpoint (configured, or the pool's OpenID configuration's <c>token_endpoint</c>). No user, no challenge, no refresh
/// token: renewing is asking again.
/// </summary>
internal sealed class ClientCredentialsFlow(ICognitoOAuthClient oauth, TimeProvider timeProvider) : ISignInFlow
{
    public CognitoAuthFlow AuthFlow => CognitoAuthFlow.ClientCredentials;

    public string Name => "client_credentials";

    public async Task<SignInStep> StartAsync(SignInAttempt attempt, CancellationToken cancellationToken) =>
        SignInStep.Signed(await RequestAsync(attempt.Client, cancellationToken).ConfigureAwait(false));

    public Task<SignInStep> RespondAsync(SignInAttempt attempt, SignInStep challenge, Dictionary<string, string> responses, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The client-credentials grant has no challenges.");

    public Task<CognitoTokenSet> RefreshAsync(SignInAttempt attempt, CognitoTokenSet current, CancellationToken cancellationToken) =>
        RequestAsync(attempt.Client, cancellationToken);

    private async Task<CognitoTokenSet> RequestAsync(CognitoClientContext client, CancellationToken cancellationToken)
    {
        var endpoint = await PoolDomain.TokenEndpointAsync(client, oauth, cancellationToken).ConfigureAwait(false);
        var request = new OAuthTokenRequest("client_credentials", client.ClientId, client.Options.ClientSecret, client.Options.TokenEndpointAuthMethod);
        if (client.Scopes.Length > 0)
        {
            request.With("scope", client.Scopes);
        }

        var sentAt = timeProvider.GetUtcNow();
        var response = await oauth.RequestTokenAsync(endpoint, request, cancellationToken).ConfigureAwait(false);
        return OAuthTokenResults.ToTokenSet(response, sentAt);
    }
}
