namespace CognitoAuth.Client;

/// <summary>How the client gets its tokens: a user signing in with a password or in the browser, or an app client with its secret.</summary>
public enum CognitoAuthFlow
{
    /// <summary>
    /// <c>AdminInitiateAuth</c> with <c>ADMIN_USER_PASSWORD_AUTH</c>: a server-side flow, signed with AWS credentials
    /// (the standard credential chain). Needs <see cref="CognitoApiClientOptions.UserPoolId"/>.
    /// </summary>
    AdminUserPassword = 0,

    /// <summary><c>InitiateAuth</c> with <c>USER_PASSWORD_AUTH</c>: needs no AWS credentials; the app client must allow the flow.</summary>
    UserPassword = 1,

    /// <summary>
    /// <c>InitiateAuth</c> with <c>USER_SRP_AUTH</c>, answering <c>PASSWORD_VERIFIER</c> with an SRP-6a proof: the password never
    /// leaves the process. What app clients allow by default (the console's, Amplify's); needs
    /// <see cref="CognitoApiClientOptions.UserPoolId"/> (its name enters the proof) and no AWS credentials.
    /// </summary>
    UserSrp = 2,

    /// <summary>
    /// The OAuth 2.0 client-credentials grant at the user pool domain's token endpoint: no user, an access token for the app
    /// client itself with the <see cref="CognitoApiClientOptions.Scopes"/> of a resource server. Needs
    /// <see cref="CognitoApiClientOptions.ClientSecret"/>, and <see cref="CognitoApiClientOptions.TokenEndpoint"/> or a
    /// <see cref="CognitoApiClientOptions.UserPoolId"/> whose OpenID configuration names it.
    /// </summary>
    ClientCredentials = 3,

    /// <summary>
    /// A person signs in in the system browser, at the user pool's managed login: the OAuth 2.0 authorization code grant
    /// with PKCE (S256), <c>state</c> and <c>nonce</c> checked, the code received on a loopback listener at
    /// <see cref="CognitoApiClientOptions.RedirectUri"/> (RFC 8252) and exchanged at the token endpoint, which also renews
    /// the tokens (<c>refresh_token</c> grant). For command-line and desktop apps; no password in the configuration. The
    /// browser is opened by the registered <see cref="ICognitoBrowser"/>. Needs a
    /// <see cref="CognitoApiClientOptions.UserPoolId"/> whose OpenID configuration names the endpoints, or
    /// <see cref="CognitoApiClientOptions.AuthorizationEndpoint"/> and <see cref="CognitoApiClientOptions.TokenEndpoint"/>.
    /// Keep the tokens between runs with <c>services.AddCognitoTokenFileCache()</c>.
    /// </summary>
    AuthorizationCode = 4,
}
