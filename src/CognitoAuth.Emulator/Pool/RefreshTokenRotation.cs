namespace CognitoAuth.Emulator.Pool;

/// <summary>
/// An app client's refresh-token rotation (<c>RefreshTokenRotationType</c>): when enabled, each
/// <c>GetTokensFromRefreshToken</c> returns a new refresh token and the one it replaced keeps working for
/// <see cref="GracePeriod"/> only (0–60 seconds), so a client may retry a request whose answer it lost.
/// </summary>
/// <param name="Enabled">Whether refresh tokens rotate.</param>
/// <param name="GracePeriod">How long a rotated-out token still works; zero when rotation is disabled, as Cognito reports it.</param>
internal sealed record RefreshTokenRotation(bool Enabled, TimeSpan GracePeriod)
{
    /// <summary>The longest grace period Cognito allows.</summary>
    public static readonly TimeSpan MaximumGracePeriod = TimeSpan.FromSeconds(60);

    /// <summary>No rotation: what an app client has unless configured otherwise.</summary>
    public static RefreshTokenRotation Disabled { get; } = new(false, TimeSpan.Zero);

    /// <summary>Rotation with the given grace period.</summary>
    public static RefreshTokenRotation After(TimeSpan gracePeriod) => new(true, gracePeriod);
}
