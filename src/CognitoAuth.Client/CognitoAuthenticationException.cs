namespace CognitoAuth.Client;

/// <summary>
/// Signing in could not complete for a reason this client finds itself: a challenge no responder answers (SMS or email MFA,
/// custom auth, <c>MFA_SETUP</c>), a <c>NEW_PASSWORD_REQUIRED</c> challenge without a configured <c>NewPassword</c>, a
/// required user attribute that is not configured, an SRP or TOTP step that cannot be answered safely, a browser sign-in
/// whose ID token, nonce or state does not match, or an answer without tokens. Errors Cognito or the token endpoint
/// report stay <see cref="CognitoException"/>. Never carries a password, token, session or secret.
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
