namespace CognitoAuth.Emulator.SignIn;

/// <summary>Cognito's names of the challenges the engine asks (botocore's <c>ChallengeNameType</c>).</summary>
internal static class ChallengeNames
{
    public const string PasswordVerifier = "PASSWORD_VERIFIER";
    public const string NewPasswordRequired = "NEW_PASSWORD_REQUIRED";
    public const string SoftwareTokenMfa = "SOFTWARE_TOKEN_MFA";
    public const string MfaSetup = "MFA_SETUP";
    public const string CustomChallenge = "CUSTOM_CHALLENGE";

    // Choice-based sign-in (USER_AUTH) and the codes sent to a person.
    public const string SelectChallenge = "SELECT_CHALLENGE";
    public const string Password = "PASSWORD";
    public const string PasswordSrp = "PASSWORD_SRP";
    public const string WebAuthn = "WEB_AUTHN";
    public const string EmailOtp = "EMAIL_OTP";
    public const string SmsOtp = "SMS_OTP";
    public const string SmsMfa = "SMS_MFA";
}
