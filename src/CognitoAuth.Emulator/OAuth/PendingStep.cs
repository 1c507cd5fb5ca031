namespace CognitoAuth.Emulator.OAuth;

/// <summary>Which page a sign-in in progress waits on.</summary>
internal enum PendingStep
{
    NewPassword,
    SoftwareToken,
}
