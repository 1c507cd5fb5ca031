namespace CognitoAuth.Client;

/// <summary>
/// Signing in could not complete for a reason this client reports itself: Cognito asked for a challenge the client does not
/// answer (MFA, custom), a <c>NEW_PASSWORD_REQUIRED</c> challenge without a configured <c>NewPassword</c>, a required user
/// attribute that is not configured, or an answer without tokens. Errors Cognito reports stay <see cref="CognitoException"/>.
/// Never carries a password, token, session or secret.
/// </summary>
public sealed class CognitoAuthenticationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong and what to change.</param>
    /// <param name="challengeName">The Cognito challenge involved, if any.</param>
    public CognitoAuthenticationException(string message, string? challengeName = null)
        : base(message)
    {
        ChallengeName = challengeName;
    }

    /// <summary>The Cognito challenge that could not be answered (e.g. <c>SOFTWARE_TOKEN_MFA</c>), or <see langword="null"/>.</summary>
    public string? ChallengeName { get; }
}
