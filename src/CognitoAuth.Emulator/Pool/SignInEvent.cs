namespace CognitoAuth.Emulator.Pool;

/// <summary>
/// One successful authentication. Tokens issued from it (and from refreshes of its refresh token) share its
/// <c>auth_time</c>, <c>origin_jti</c> and <c>event_id</c>, as Cognito's do. A sign-in through the managed login (the
/// authorization code grant) carries the OAuth scopes it was granted; its tokens have the managed login's shape and keep
/// those scopes when refreshed. <see cref="Scopes"/> is <see langword="null"/> for the API sign-ins (InitiateAuth, …), whose
/// access tokens carry <c>aws.cognito.signin.user.admin</c> alone.
/// </summary>
internal sealed record SignInEvent(string Username, string Sub, string ClientId, DateTimeOffset AuthTime, string OriginJti, string EventId, IReadOnlyList<string>? Scopes = null)
{
    /// <summary>
    /// The device the sign-in handed out or proved, in a pool that remembers devices: its refresh tokens then work only with
    /// that <c>DEVICE_KEY</c>, and only while the device is confirmed (as on AWS, where a forgotten device's refresh tokens stop).
    /// </summary>
    public string? DeviceKey { get; init; }

    public static SignInEvent New(PoolUser user, string clientId, DateTimeOffset authTime, IReadOnlyList<string>? scopes = null) =>
        new(user.Username, user.Sub, clientId, authTime, Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), scopes);

    /// <summary>Whether the sign-in came through the managed login (OAuth scopes granted).</summary>
    public bool IsOAuth => Scopes is not null;
}
