namespace CognitoAuth.Client.Cognito.Model;

/// <summary>botocore shape <c>AdminRespondToAuthChallengeRequest</c> (SigV4-signed).</summary>
internal sealed class AdminRespondToAuthChallengeRequest
{
    public required string UserPoolId { get; init; }
    public required string ClientId { get; init; }
    public required string ChallengeName { get; init; }
    public Dictionary<string, string>? ChallengeResponses { get; init; }
    public string? Session { get; init; }
    public Dictionary<string, string>? ClientMetadata { get; init; }
}
