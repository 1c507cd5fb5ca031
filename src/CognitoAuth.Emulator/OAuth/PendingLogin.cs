namespace CognitoAuth.Emulator.OAuth;

/// <summary>A sign-in between two pages: the password was right, and the new-password or TOTP page is next.</summary>
internal sealed record PendingLogin(string PoolId, string ClientId, string Username, PendingStep Step, DateTimeOffset ExpiresAt);
