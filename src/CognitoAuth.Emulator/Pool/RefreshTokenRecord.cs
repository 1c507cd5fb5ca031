namespace CognitoAuth.Emulator.Pool;

/// <summary>What the pool remembers of an issued refresh token (the token itself is only the dictionary key).</summary>
internal sealed class RefreshTokenRecord
{
    public required SignInEvent SignIn { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public bool Revoked { get; set; }

    public override string ToString() => $"RefreshTokenRecord {{ ClientId = {SignIn.ClientId}, ExpiresAt = {ExpiresAt:O}, Revoked = {Revoked} }}";
}
