namespace CognitoAuth.Emulator.Pool;

/// <summary>What the pool remembers of an issued refresh token (the token itself is only the dictionary key).</summary>
internal sealed class RefreshTokenRecord
{
    public required RefreshTokenFamily Family { get; init; }

    /// <summary>A rotated token's successor expires when the token it replaced would have.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>When rotation first replaced this token; <see langword="null"/> while it is the family's current one.</summary>
    public DateTimeOffset? RotatedAt { get; set; }

    public SignInEvent SignIn => Family.SignIn;

    public bool Revoked => Family.Revoked;

    /// <summary>
    /// Whether a token rotation replaced can no longer be redeemed under the client's <paramref name="rotation"/>: after the
    /// grace period while the client rotates, and at once when it no longer does (it stays spent).
    /// </summary>
    public bool IsSpent(RefreshTokenRotation rotation, DateTimeOffset now) =>
        RotatedAt is { } rotatedAt && !(rotation.Enabled && now < rotatedAt + rotation.GracePeriod);

    public override string ToString() =>
        $"RefreshTokenRecord {{ ClientId = {SignIn.ClientId}, ExpiresAt = {ExpiresAt:O}, RotatedAt = {RotatedAt?.ToString("O") ?? "-"}, Revoked = {Revoked} }}";
}
