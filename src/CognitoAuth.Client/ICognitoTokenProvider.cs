namespace CognitoAuth.Client;

/// <summary>
/// The tokens of a registered API client, for code that needs them outside its <see cref="HttpClient"/>
/// (to show their expiry, to call another service, to sign out).
/// </summary>
public interface ICognitoTokenProvider
{
    /// <summary>
    /// Gets the client's current token set: cached while fresh, else refreshed or obtained by signing in. Concurrent callers for
    /// one user share one sign-in or refresh.
    /// </summary>
    /// <param name="clientName">The name given to <c>AddCognitoApiClient</c> (<see cref="CognitoApiClientOptions.DefaultName"/> when none was).</param>
    /// <param name="forceRenewal">Renew even if the cached tokens are fresh: a refresh when there is a refresh token, else a new
    /// sign-in (or, for client credentials, a new token request). The pause after a failed sign-in does not apply.</param>
    /// <param name="cancellationToken">Cancels this caller's wait; a sign-in other callers share keeps running.</param>
    /// <returns>The token set.</returns>
    /// <exception cref="CognitoException">Cognito rejected the sign-in (e.g. <c>NotAuthorizedException</c>).</exception>
    /// <exception cref="CognitoAuthenticationException">The sign-in needs something this client cannot answer.</exception>
    Task<CognitoTokenSet> GetTokensAsync(string clientName, bool forceRenewal = false, CancellationToken cancellationToken = default);

    /// <summary>Revokes the client's refresh token at Cognito (best effort) and drops its cached tokens.</summary>
    /// <param name="clientName">The name given to <c>AddCognitoApiClient</c>.</param>
    /// <param name="cancellationToken">Cancels the revocation.</param>
    /// <returns>A task that completes when the tokens are dropped.</returns>
    Task SignOutAsync(string clientName, CancellationToken cancellationToken = default);
}
