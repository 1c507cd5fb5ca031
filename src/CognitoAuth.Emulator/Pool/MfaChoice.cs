namespace CognitoAuth.Emulator.Pool;

/// <summary>A user's preference about one MFA type that sends a code (SMS or e-mail): activated, and whether it is the preferred one.</summary>
/// <param name="Enabled">The type is asked for at sign-in.</param>
/// <param name="Preferred">It is the user's preferred MFA type (only an enabled type can be).</param>
internal sealed record MfaChoice(bool Enabled, bool Preferred)
{
    public static MfaChoice Off { get; } = new(false, false);
}
