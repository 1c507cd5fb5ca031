namespace CognitoAuth.Client.Cognito.Model;

/// <summary>botocore shape <c>InitiateAuthRequest</c> (unsigned).</summary>
internal sealed class InitiateAuthRequest
{
    public required string AuthFlow { get; init; }
    public required string ClientId { get; init; }
    public Dictionary<string, string>? AuthParameters { get; init; }
    public Dictionary<string, string>? ClientMetadata { get; init; }
}
