namespace CognitoAuth.Emulator.Pool;

/// <summary>A pending challenge: single-use, bound to one user and one app client, valid until <see cref="ExpiresAt"/>.</summary>
internal sealed class ChallengeSession
{
    public required string Username { get; init; }

    public required string ClientId { get; init; }

    public required string ChallengeName { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public bool Used { get; set; }

    public override string ToString() => $"ChallengeSession {{ ChallengeName = {ChallengeName}, ExpiresAt = {ExpiresAt:O}, Used = {Used} }}";
}
