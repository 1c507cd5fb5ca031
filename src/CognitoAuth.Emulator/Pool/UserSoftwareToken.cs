using CognitoAuth.Emulator.Pool.Totp;

namespace CognitoAuth.Emulator.Pool;

/// <summary>
/// A user's verified software token (TOTP authenticator) and the MFA preferences about it. Mutated only under the
/// directory's gate; the secret is never shown by <see cref="ToString"/>.
/// </summary>
internal sealed class UserSoftwareToken(SoftwareToken token)
{
    public SoftwareToken Token { get; } = token;

    /// <summary>The <c>FriendlyDeviceName</c> given to VerifySoftwareToken (the challenge's <c>FRIENDLY_DEVICE_NAME</c>).</summary>
    public string? DeviceName { get; set; }

    /// <summary>SetUserMFAPreference's <c>Enabled</c>: the user is asked for a code at every sign-in (MFA_SETUP sets it too).</summary>
    public bool Enabled { get; set; }

    /// <summary>SetUserMFAPreference's <c>PreferredMfa</c>.</summary>
    public bool Preferred { get; set; }

    public override string ToString() => $"UserSoftwareToken {{ Enabled = {Enabled}, Preferred = {Preferred}, Token = *** }}";
}
