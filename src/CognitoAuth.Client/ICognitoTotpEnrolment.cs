namespace CognitoAuth.Client;

/// <summary>
/// Enrols an authenticator app (TOTP) as the second factor of a registered client's user: <c>AssociateSoftwareToken</c>,
/// <c>VerifySoftwareToken</c>, <c>SetUserMFAPreference</c>, with the user's access token. Show the returned secret to the
/// person once (or keep it as the client's <see cref="CognitoApiClientOptions.TotpSecret"/>); Cognito will not show it again.
/// For pools whose MFA is optional; where MFA is required, users enrol at their first sign-in (<c>MFA_SETUP</c>), which needs a person.
/// </summary>
public interface ICognitoTotpEnrolment
{
    /// <summary>Signs the user in if needed, enrols a new authenticator and makes it the preferred second factor.</summary>
    /// <param name="clientName">The name given to <c>AddCognitoApiClient</c>.</param>
    /// <param name="deviceName">A name for the authenticator, shown in the user's MFA settings.</param>
    /// <param name="cancellationToken">Cancels the enrolment.</param>
    /// <returns>The new secret.</returns>
    Task<CognitoTotpSecret> EnrolAsync(string clientName, string? deviceName = null, CancellationToken cancellationToken = default);
}
