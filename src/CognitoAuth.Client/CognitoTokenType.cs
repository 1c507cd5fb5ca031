namespace CognitoAuth.Client;

/// <summary>Which Cognito token is sent in the <c>Authorization: Bearer</c> header.</summary>
public enum CognitoTokenType
{
    /// <summary>The access token (<c>token_use: access</c>); what an API Gateway JWT authorizer with <c>client_id</c> or scopes expects.</summary>
    Access = 0,

    /// <summary>The ID token (<c>token_use: id</c>, <c>aud</c> = the app client id); carries the user's attributes.</summary>
    Id = 1,
}
