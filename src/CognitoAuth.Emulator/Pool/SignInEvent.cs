namespace CognitoAuth.Emulator.Pool;

/// <summary>
/// One successful authentication. Tokens issued from it (and from refreshes of its refresh token) share its
/// <c>auth_time</c>, <c>origin_jti</c> and <c>event_id</c>, as Cognito's do.
/// </summary>
internal sealed record SignInEvent(string Username, string ClientId, DateTimeOffset AuthTime, string OriginJti, string EventId)
{
    public static SignInEvent New(string username, string clientId, DateTimeOffset authTime) =>
        new(username, clientId, authTime, Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
}
