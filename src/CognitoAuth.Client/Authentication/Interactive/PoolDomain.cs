using CognitoAuth.Client.Cognito.OAuth;
using CognitoAuth.Client.Configuration;

namespace CognitoAuth.Client.Authentication.Interactive;

/// <summary>
/// The user pool domain's endpoints a browser sign-in uses: authorize and token (configured, else the pool's OpenID
/// configuration), revocation (the configuration's <c>revocation_endpoint</c>, else <c>oauth2/revoke</c> beside the token
/// endpoint, where Cognito serves it) and Cognito's sign-out page <c>/logout</c> (beside <c>oauth2/authorize</c>: Cognito's
/// OpenID configuration names no end-session endpoint). The issuer is known only from the OpenID configuration.
/// </summary>
internal sealed record PoolDomain(Uri AuthorizationEndpoint, Uri TokenEndpoint, Uri RevocationEndpoint, Uri LogoutEndpoint, string? Issuer)
{
    public static async Task<PoolDomain> ResolveAsync(CognitoClientContext client, ICognitoOAuthClient oauth, CancellationToken cancellationToken)
    {
        var options = client.Options;
        OpenIdConfiguration? discovered = null;
        if ((options.AuthorizationEndpoint is null || options.TokenEndpoint is null) && client.OpenIdConfiguration is { } configuration)
        {
            discovered = await oauth.DiscoverAsync(configuration, cancellationToken).ConfigureAwait(false);
        }

        var authorize = options.AuthorizationEndpoint ?? Absolute(discovered?.AuthorizationEndpoint) ?? throw Missing(options, "authorization_endpoint", nameof(options.AuthorizationEndpoint));
        var token = options.TokenEndpoint ?? Absolute(discovered?.TokenEndpoint) ?? throw Missing(options, "token_endpoint", nameof(options.TokenEndpoint));
        var revoke = Absolute(discovered?.RevocationEndpoint) ?? new Uri(token, "revoke");
        return new PoolDomain(authorize, token, revoke, new Uri(authorize, "../logout"), discovered?.Issuer);
    }

    /// <summary>The token endpoint alone (all the client-credentials grant needs): configured, else the pool's OpenID configuration's.</summary>
    public static async Task<Uri> TokenEndpointAsync(CognitoClientContext client, ICognitoOAuthClient oauth, CancellationToken cancellationToken)
    {
        var options = client.Options;
        if (options.TokenEndpoint is { } configured)
        {
            return configured;
        }

        var discovered = await oauth.DiscoverAsync(client.OpenIdConfiguration!, cancellationToken).ConfigureAwait(false);
        return Absolute(discovered.TokenEndpoint) ?? throw Missing(options, "token_endpoint", nameof(options.TokenEndpoint));
    }

    private static Uri? Absolute(string? value) => Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;

    private static CognitoAuthenticationException Missing(CognitoApiClientOptions options, string member, string key) =>
        new($"The OpenID configuration of user pool '{options.UserPoolId}' names no {member} (the pool has no domain?). " +
            $"Give the pool a domain, or set '{key}' (e.g. CognitoAuth__{key}).");
}
