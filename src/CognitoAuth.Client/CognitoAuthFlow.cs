namespace CognitoAuth.Client;

/// <summary>How <see cref="CognitoApiClientOptions.Username"/> and <see cref="CognitoApiClientOptions.Password"/> are sent to Cognito.</summary>
public enum CognitoAuthFlow
{
    /// <summary>
    /// <c>AdminInitiateAuth</c> with <c>ADMIN_USER_PASSWORD_AUTH</c>: a server-side flow, signed with AWS credentials
    /// (the standard credential chain). Needs <see cref="CognitoApiClientOptions.UserPoolId"/>.
    /// </summary>
    AdminUserPassword = 0,

    /// <summary><c>InitiateAuth</c> with <c>USER_PASSWORD_AUTH</c>: needs no AWS credentials; the app client must allow the flow.</summary>
    UserPassword = 1,
}
