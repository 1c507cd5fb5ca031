namespace CognitoAuth.Client;

/// <summary>How the app client authenticates at the token endpoint (OAuth 2.0's <c>token_endpoint_auth_method</c>).</summary>
public enum CognitoTokenEndpointAuthMethod
{
    /// <summary><c>client_secret_basic</c>: <c>Authorization: Basic base64(client_id:client_secret)</c>, as AWS's documentation shows.</summary>
    ClientSecretBasic = 0,

    /// <summary><c>client_secret_post</c>: <c>client_id</c> and <c>client_secret</c> in the form body.</summary>
    ClientSecretPost = 1,
}
