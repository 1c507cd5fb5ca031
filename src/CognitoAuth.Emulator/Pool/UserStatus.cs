namespace CognitoAuth.Emulator.Pool;

/// <summary>The <c>UserStatusType</c> values the emulator uses.</summary>
internal static class UserStatus
{
    public const string Unconfirmed = "UNCONFIRMED";
    public const string Confirmed = "CONFIRMED";
    public const string ForceChangePassword = "FORCE_CHANGE_PASSWORD";
    public const string ResetRequired = "RESET_REQUIRED";
}
