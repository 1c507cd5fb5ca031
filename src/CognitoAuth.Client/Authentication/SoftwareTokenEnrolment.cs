using CognitoAuth.Client.Authentication.Totp;
using CognitoAuth.Client.Cognito;
using CognitoAuth.Client.Cognito.Model;
using CognitoAuth.Client.Configuration;

namespace CognitoAuth.Client.Authentication;

/// <summary>
/// Enrols an authenticator app for a signed-in user: <c>AssociateSoftwareToken</c> (Cognito makes the secret),
/// <c>VerifySoftwareToken</c> with the secret's current code, then <c>SetUserMFAPreference</c> (software token enabled and
/// preferred). Returns the secret and the step whose code was spent, so the next sign-in does not send it again.
/// </summary>
internal sealed class SoftwareTokenEnrolment(ICognitoIdentityProvider cognito, TimeProvider timeProvider)
{
    public async Task<(string Secret, long SpentStep)> EnrolAsync(CognitoClientContext client, string accessToken, string? deviceName, CancellationToken cancellationToken)
    {
        var associated = await cognito.AssociateSoftwareTokenAsync(client.Endpoint, new AssociateSoftwareTokenRequest { AccessToken = accessToken }, cancellationToken).ConfigureAwait(false);
        var secret = associated.SecretCode is { Length: > 0 } code && TotpSecret.TryParse(code, out var parsed)
            ? (Text: code, Key: parsed)
            : throw new CognitoAuthenticationException("Cognito answered AssociateSoftwareToken without a base32 secret.");

        var first = secret.Key.CodeAt(timeProvider.GetUtcNow());
        var verified = await cognito.VerifySoftwareTokenAsync(
            client.Endpoint,
            new VerifySoftwareTokenRequest { AccessToken = accessToken, UserCode = first.Value, FriendlyDeviceName = deviceName },
            cancellationToken).ConfigureAwait(false);
        if (!string.Equals(verified.Status, "SUCCESS", StringComparison.Ordinal))
        {
            throw new CognitoAuthenticationException($"Cognito did not accept the new authenticator's first code (VerifySoftwareToken answered {verified.Status ?? "no status"}).");
        }

        await cognito.SetUserMfaPreferenceAsync(
            client.Endpoint,
            new SetUserMfaPreferenceRequest { AccessToken = accessToken, SoftwareTokenMfaSettings = new SoftwareTokenMfaSettingsType { Enabled = true, PreferredMfa = true } },
            cancellationToken).ConfigureAwait(false);
        return (secret.Text, first.TimeStep);
    }
}
