namespace CognitoAuth.Client.Cognito.Model;

/// <summary>botocore shape <c>RespondToAuthChallengeRequest</c> (unsigned).</summary>
internal sealed class RespondToAuthChallengeRequest
{
    public required string ClientId { get; init; }
    public required string ChallengeName { get; init; }
    public string? Session { get; init; }
    public Dictionary<string, string>? ChallengeResponses { get; init; }
    public Dictionary<string, string>? ClientMetadata { get; init; }
}
