namespace CognitoAuth.Client;

/// <summary>How the client gets its tokens: a user signing in with a password, or an app client with its secret.</summary>
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
}
