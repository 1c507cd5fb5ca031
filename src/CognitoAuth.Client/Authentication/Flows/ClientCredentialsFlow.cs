using CognitoAuth.Client.Authentication.Interactive;
using CognitoAuth.Client.Cognito.OAuth;
using CognitoAuth.Client.Configuration;
using Microsoft.Extensions.Options;

namespace CognitoAuth.Client.Authentication.Flows;

/// <summary>
/// <see cref="CognitoAuthFlow.ClientCredentials"/>: the OAuth 2.0 client-credentials grant at the pool domain's token
/// endpoint (configured, or the pool's OpenID configuration's <c>token_endpoint</c>). No user, no challenge, no refresh
/// token: renewing is asking again.
/// </summary>
internal sealed class ClientCredentialsFlow(ICognitoOAuthClient oauth, TimeProvider timeProvider) : ISignInFlow
{
    private static readonly IReadOnlySet<string> OwnKeys = OptionKeys.Of([OptionKeys.Scopes, OptionKeys.TokenEndpoint]);

    public CognitoAuthFlow AuthFlow => CognitoAuthFlow.ClientCredentials;

    public string Name => "client_credentials";

    public IReadOnlySet<string> Keys => OwnKeys;

    public void Validate(CognitoApiClientOptions options, ValidateOptionsResultBuilder errors)
    {
        if (string.IsNullOrEmpty(options.ClientSecret))
        {
            errors.AddError("The ClientCredentials flow authenticates the app client with its secret: set the client secret.", nameof(options.ClientSecret));
        }

        if (options.TokenEndpoint is null && string.IsNullOrEmpty(options.UserPoolId))
        {
            errors.AddError(
                "The ClientCredentials flow needs the token endpoint: set TokenEndpoint (https://{domain}/oauth2/token), or UserPoolId to find it in the pool's OpenID configuration.",
                nameof(options.TokenEndpoint));
        }

        if (options.TokenType == CognitoTokenType.Id)
        {
            errors.AddError("The ClientCredentials flow issues no ID token: TokenType must be Access.", nameof(options.TokenType));
        }
    }

    /// <summary>No user: the app client's token for a set of scopes (Duende's lesson: the scopes are part of the key).</summary>
    public string StoreKey(CognitoClientContext client) =>
        string.Join('|', (client.Options.TokenEndpoint ?? client.Endpoint.ServiceUrl).AbsoluteUri, client.Options.UserPoolId, client.ClientId, "scope=" + client.Scopes);

    public async Task<SignInStep> StartAsync(SignInAttempt attempt, CancellationToken cancellationToken) =>
        SignInStep.Signed(await RequestAsync(attempt.Client, cancellationToken).ConfigureAwait(false));

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
