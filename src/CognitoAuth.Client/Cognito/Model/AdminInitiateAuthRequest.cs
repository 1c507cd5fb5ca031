namespace CognitoAuth.Client.Cognito.Model;

/// <summary>botocore shape <c>AdminInitiateAuthRequest</c> (SigV4-signed).</summary>
internal sealed class AdminInitiateAuthRequest
{
    public required string UserPoolId { get; init; }
    public required string ClientId { get; init; }
    public required string AuthFlow { get; init; }
    public Dictionary<string, string>? AuthParameters { get; init; }
    public Dictionary<string, string>? ClientMetadata { get; init; }
}
