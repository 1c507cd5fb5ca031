namespace CognitoAuth.Client;

/// <summary>
/// A user's new TOTP secret, as <see cref="ICognitoTotpEnrolment"/> returns it: the base32 text for an authenticator app or
/// <see cref="CognitoApiClientOptions.TotpSecret"/>, and the <c>otpauth://</c> URI a QR code carries. <see cref="ToString"/>
/// shows neither.
/// </summary>
public sealed class CognitoTotpSecret
{
    /// <summary>Creates the value.</summary>
    /// <param name="secret">The base32 secret.</param>
    /// <param name="username">Cognito's user name, the account's label in the app.</param>
    public CognitoTotpSecret(string secret, string username)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        Secret = secret;
        OtpAuthUri = new Uri($"otpauth://totp/Cognito:{Uri.EscapeDataString(username)}?secret={secret}&issuer=Cognito");
    }

    /// <summary>Gets the base32 secret (the letters A–Z and digits 2–7).</summary>
    public string Secret { get; }

    /// <summary>Gets the key URI (<c>otpauth://totp/…?secret=…</c>) authenticator apps read from a QR code.</summary>
    public Uri OtpAuthUri { get; }

    /// <inheritdoc />
    public override string ToString() => "CognitoTotpSecret { Secret = *** }";
}
