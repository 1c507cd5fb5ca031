namespace CognitoAuth.Emulator.Pool;

/// <summary>
/// The refusals of a sign-in, worded as Cognito words them (the API's <c>CognitoErrors</c> hands out the same values as
/// exceptions, so a wording fix is one edit).
/// </summary>
internal static class SignInErrors
{
    public const string NotAuthorizedCode = "NotAuthorizedException";
    public const string InvalidParameterCode = "InvalidParameterException";

    public static CognitoError IncorrectUsernameOrPassword { get; } = NotAuthorized("Incorrect username or password.");

    public static CognitoError UserDoesNotExist { get; } = new("UserNotFoundException", "User does not exist.");

    public static CognitoError UserDisabled { get; } = NotAuthorized("User is disabled.");

    public static CognitoError UserNotConfirmed { get; } = new("UserNotConfirmedException", "User is not confirmed.");

    public static CognitoError PasswordResetRequired { get; } = new("PasswordResetRequiredException", "Password reset required for the user");

    public static CognitoError TemporaryPasswordExpired { get; } = NotAuthorized("Temporary password has expired and must be reset by an administrator.");

    public static CognitoError InvalidSession { get; } = NotAuthorized("Invalid session for the user.");

    public static CognitoError SessionExpired { get; } = NotAuthorized("Invalid session for the user, session is expired.");

    public static CognitoError SessionAlreadyUsed { get; } = NotAuthorized("Invalid session for the user, session can only be used once.");

    // SRP. The TIMESTAMP wording is what the client libraries quote for AWS's answer (medium-low confidence); the SRP_A
    // messages are the emulator's own (AWS answers InvalidParameterException for an altered SRP_A, its text undocumented).
    public static CognitoError SrpTimestampMalformed { get; } = InvalidParameter("TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.");

    public static CognitoError SrpAZero { get; } = InvalidParameter("SRP_A cannot be zero modulo N.");

    public static CognitoError SrpAMalformed { get; } = InvalidParameter("SRP_A is not a hexadecimal SRP value.");

    // Software tokens (TOTP).
    public static CognitoError TotpCodeMismatch { get; } = new("CodeMismatchException", "Invalid code received for user");

    public static CognitoError TotpCodeReused { get; } = new("ExpiredCodeException", "Your software token has already been used once.");

    public static CognitoError SoftwareTokenNotVerified { get; } = new("EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA");

    public static CognitoError SoftwareTokenMfaNotEnabledForPool { get; } = new("SoftwareTokenMFANotFoundException", "Software Token MFA has not been enabled by the userPool.");

    public static CognitoError SoftwareTokenNotFoundForUser { get; } = new("SoftwareTokenMFANotFoundException", "Software Token MFA does not exist for the user.");

    // Codes sent to a person (EMAIL_OTP, SMS_OTP, SMS_MFA). The mismatch is Cognito's wording for a wrong MFA code; the expiry
    // and too-many texts are the emulator's (AWS does not document them).
    public static CognitoError SignInCodeMismatch { get; } = new("CodeMismatchException", "Invalid code received for user");

    public static CognitoError SignInCodeExpired { get; } = new("ExpiredCodeException", "Invalid code provided, please request a code again.");

    public static CognitoError TooManyWrongCodes { get; } = NotAuthorized("Invalid session for the user, too many invalid codes: sign in again.");

    public static CognitoError SecretHashMissing(string clientId) => NotAuthorized($"Client {clientId} is configured with secret but SECRET_HASH was not received");

    public static CognitoError SecretHashMismatch(string clientId) => NotAuthorized($"Unable to verify secret hash for client {clientId}");

    public static CognitoError MissingParameter(string name) => InvalidParameter($"Missing required parameter {name}");

    public static CognitoError PasswordPolicy(string violation) => new("InvalidPasswordException", $"Password did not conform with policy: {violation}");

    public static CognitoError NotAuthorized(string message) => new(NotAuthorizedCode, message);

    public static CognitoError InvalidParameter(string message) => new(InvalidParameterCode, message);
}
