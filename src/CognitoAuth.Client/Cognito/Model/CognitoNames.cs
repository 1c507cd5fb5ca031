namespace CognitoAuth.Client.Cognito.Model;

/// <summary>botocore enum <c>AuthFlowType</c> values the client uses.</summary>
internal static class AuthFlowType
{
    public const string AdminUserPasswordAuth = "ADMIN_USER_PASSWORD_AUTH";
    public const string AdminNoSrpAuth = "ADMIN_NO_SRP_AUTH";
    public const string UserPasswordAuth = "USER_PASSWORD_AUTH";
    public const string RefreshTokenAuth = "REFRESH_TOKEN_AUTH";
    public const string UserSrpAuth = "USER_SRP_AUTH";
    public const string CustomAuth = "CUSTOM_AUTH";
    public const string UserAuth = "USER_AUTH";
}

/// <summary>botocore enum <c>ChallengeNameType</c> values the client answers.</summary>
internal static class ChallengeNameType
{
    public const string NewPasswordRequired = "NEW_PASSWORD_REQUIRED";
    public const string PasswordVerifier = "PASSWORD_VERIFIER";
    public const string SoftwareTokenMfa = "SOFTWARE_TOKEN_MFA";
    public const string MfaSetup = "MFA_SETUP";
    public const string CustomChallenge = "CUSTOM_CHALLENGE";
    public const string SelectChallenge = "SELECT_CHALLENGE";
    public const string EmailOtp = "EMAIL_OTP";
    public const string SmsOtp = "SMS_OTP";
    public const string SmsMfa = "SMS_MFA";
    public const string WebAuthn = "WEB_AUTHN";
    public const string Password = "PASSWORD";
    public const string PasswordSrp = "PASSWORD_SRP";
    public const string SrpA = "SRP_A";
    public const string DeviceSrpAuth = "DEVICE_SRP_AUTH";
    public const string DevicePasswordVerifier = "DEVICE_PASSWORD_VERIFIER";
}

/// <summary>Keys of <c>AuthParameters</c>, <c>ChallengeParameters</c> and <c>ChallengeResponses</c>.</summary>
internal static class AuthParameterNames
{
    public const string Username = "USERNAME";
    public const string Password = "PASSWORD";
    public const string NewPassword = "NEW_PASSWORD";
    public const string SecretHash = "SECRET_HASH";
    public const string RefreshToken = "REFRESH_TOKEN";
    public const string UserIdForSrp = "USER_ID_FOR_SRP";
    public const string SrpA = "SRP_A";
    public const string SoftwareTokenMfaCode = "SOFTWARE_TOKEN_MFA_CODE";
    public const string ChallengeName = "CHALLENGE_NAME";
    public const string Answer = "ANSWER";
    public const string PreferredChallenge = "PREFERRED_CHALLENGE";
    public const string EmailOtpCode = "EMAIL_OTP_CODE";
    public const string SmsOtpCode = "SMS_OTP_CODE";
    public const string SmsMfaCode = "SMS_MFA_CODE";
    public const string DeviceKey = "DEVICE_KEY";
    public const string RequiredAttributes = "requiredAttributes";
    public const string UserAttributePrefix = "userAttributes.";
}
