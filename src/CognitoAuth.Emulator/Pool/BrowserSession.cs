namespace CognitoAuth.Emulator.Pool;

/// <summary>A browser signed in to a pool's managed login (the <c>cognito</c> cookie names it).</summary>
internal sealed record BrowserSession(string PoolId, string Username, DateTimeOffset AuthTime, DateTimeOffset ExpiresAt);
