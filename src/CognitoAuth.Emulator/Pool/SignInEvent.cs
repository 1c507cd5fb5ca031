namespace CognitoAuth.Emulator.Pool;

/// <summary>
/// One successful authentication. Tokens issued from it (and from refreshes of its refresh token) share its
/// <c>auth_time</c>, <c>origin_jti</c> and <c>event_id</c>, as Cognito's do.
/// </summary>
internal sealed record SignInEvent(string Username, string Sub, string ClientId, DateTimeOffset AuthTime, string OriginJti, string EventId)
{
    public static SignInEvent New(PoolUser user, string clientId, DateTimeOffset authTime) =>
        new(user.Username, user.Sub, clientId, authTime, Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
}
