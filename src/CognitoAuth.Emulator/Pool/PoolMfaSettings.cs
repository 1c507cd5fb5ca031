using System.Text.Json;

namespace CognitoAuth.Emulator.Pool;

/// <summary>
/// What SetUserPoolMfaConfig sets besides <c>MfaConfiguration</c> (which lives in the pool's settings): whether software
/// tokens (TOTP) are an MFA type of the pool, and the SMS, email and WebAuthn configurations, stored and echoed (the
/// emulator sends no SMS or email codes and serves no passkeys).
/// </summary>
/// <param name="SoftwareTokenEnabled">
/// <c>SoftwareTokenMfaConfiguration.Enabled</c>, or <see langword="null"/> when never set: then a pool whose MFA is
/// OPTIONAL or ON takes software tokens, the only MFA type the emulator serves.
/// </param>
/// <param name="Sms">SmsMfaConfiguration, as given.</param>
/// <param name="Email">EmailMfaConfiguration, as given.</param>
/// <param name="WebAuthn">WebAuthnConfiguration, as given.</param>
internal sealed record PoolMfaSettings(bool? SoftwareTokenEnabled, JsonElement? Sms, JsonElement? Email, JsonElement? WebAuthn)
{
    public static PoolMfaSettings None { get; } = new(null, null, null, null);
}
