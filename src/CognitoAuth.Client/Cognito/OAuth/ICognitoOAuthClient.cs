namespace CognitoAuth.Client.Cognito.OAuth;

/// <summary>
/// The user pool domain's OAuth 2.0 endpoints: the token and revocation endpoints, and the pool's OpenID configuration that
/// names them. Over the back-channel, with its retries. Every failure is a <see cref="CognitoException"/>; an OAuth error
/// keeps its code (<c>invalid_client</c>, …) as <see cref="CognitoException.ErrorCode"/>.
/// </summary>
internal interface ICognitoOAuthClient
{
    Task<OAuthTokenResponse> RequestTokenAsync(Uri tokenEndpoint, OAuthTokenRequest request, CancellationToken cancellationToken);

    /// <summary>Revokes a refresh token (RFC 7009): a success answer's body, if any, says nothing.</summary>
    Task RevokeAsync(Uri revocationEndpoint, OAuthTokenRequest request, CancellationToken cancellationToken);

    /// <summary>The OpenID configuration at <paramref name="configuration"/>; kept once it names a token endpoint (a pool's domain does not move).</summary>
    Task<OpenIdConfiguration> DiscoverAsync(Uri configuration, CancellationToken cancellationToken);
}
