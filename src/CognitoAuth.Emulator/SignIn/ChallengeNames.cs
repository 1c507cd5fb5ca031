namespace CognitoAuth.Emulator.SignIn;

/// <summary>Cognito's names of the challenges the engine asks (botocore's <c>ChallengeNameType</c>).</summary>
internal static class ChallengeNames
{
    public const string PasswordVerifier = "PASSWORD_VERIFIER";
    public const string NewPasswordRequired = "NEW_PASSWORD_REQUIRED";
    public const string SoftwareTokenMfa = "SOFTWARE_TOKEN_MFA";
    public const string MfaSetup = "MFA_SETUP";
    public const string CustomChallenge = "CUSTOM_CHALLENGE";
}
