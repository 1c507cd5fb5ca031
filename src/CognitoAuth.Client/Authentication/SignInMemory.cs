namespace CognitoAuth.Client.Authentication;

/// <summary>
/// What earlier sign-ins learned about a user that the next one uses. Immutable: a sign-in reports each new value as it
/// learns it, and the token layer keeps it with the user's tokens. Holds no secret.
/// </summary>
/// <param name="NewPasswordInEffect">The configured <c>NewPassword</c> replaced the temporary password: sign in with it first.</param>
/// <param name="Refresh">How this user's refresh tokens are redeemed, once learned from Cognito's answers.</param>
/// <param name="LastTotpStep">The 30-second step whose TOTP code was sent last: Cognito accepts a code once.</param>
internal sealed record SignInMemory(bool NewPasswordInEffect, RefreshMethod Refresh = RefreshMethod.Unknown, long? LastTotpStep = null)
{
    public static SignInMemory None { get; } = new(NewPasswordInEffect: false);
}

/// <summary>Which operation redeems a refresh token, as learned from Cognito.</summary>
internal enum RefreshMethod
{
    /// <summary>Not learned yet: <c>REFRESH_TOKEN_AUTH</c> first, then <c>GetTokensFromRefreshToken</c> if Cognito refuses it.</summary>
    Unknown,

    /// <summary><c>REFRESH_TOKEN_AUTH</c> worked: the app client does not rotate refresh tokens (a refusal still tries the other).</summary>
    RefreshTokenAuth,

    /// <summary>
    /// <c>GetTokensFromRefreshToken</c>: what an app client that rotates refresh tokens accepts (it returns the next refresh
    /// token), and what any other accepts too.
    /// </summary>
    GetTokensFromRefreshToken,

    /// <summary>The endpoint does not know <c>GetTokensFromRefreshToken</c> (an older emulator): <c>REFRESH_TOKEN_AUTH</c> only.</summary>
    RefreshTokenAuthOnly,
}
