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

    /// <summary>
    /// <c>InitiateAuth</c> with <c>CUSTOM_AUTH</c>: the pool's define/create/verify auth-challenge triggers decide what the user
    /// must answer. Each <c>CUSTOM_CHALLENGE</c> is asked of the app's <see cref="ICognitoChallengeHandler"/>s with the challenge's
    /// public parameters, for as many rounds as the pool asks. With <see cref="CognitoApiClientOptions.CustomAuthWithSrp"/> the
    /// password is proved by SRP first. Renewal is the refresh token, then the custom flow again — which asks the handler
    /// again, so a process with no person to answer fails with an error naming the missing handler.
    /// </summary>
    CustomAuth = 5,

    /// <summary>
    /// <c>InitiateAuth</c> with <c>USER_AUTH</c>: choice-based sign-in, the first factor being
    /// <see cref="CognitoApiClientOptions.PreferredChallenge"/> (<c>PASSWORD</c>, <c>PASSWORD_SRP</c>, <c>EMAIL_OTP</c>,
    /// <c>SMS_OTP</c>) or, without one, the first of those the client can complete among what Cognito offers
    /// (<c>SELECT_CHALLENGE</c>). Codes sent to the user are asked of the app's <see cref="ICognitoChallengeHandler"/>s.
    /// Passkeys (<c>WEB_AUTHN</c>) are not supported. The app client must allow <c>ALLOW_USER_AUTH</c>.
    /// </summary>
    UserAuth = 6,
}
