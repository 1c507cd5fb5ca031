using CognitoAuth.Emulator.Pool;

namespace CognitoAuth.Emulator.Cognito;

/// <summary>
/// The errors the emulator answers with, worded as Cognito and the AWS front door word them (checked against
/// AWS documentation, botocore's model, community reports and other emulators' sources). One place, so a
/// wording fix is one edit.
/// </summary>
internal static class CognitoErrors
{
    public const string NotAuthorizedCode = "NotAuthorizedException";
    public const string InvalidParameterCode = "InvalidParameterException";
    public const string UserNotFoundCode = "UserNotFoundException";
    public const string ResourceNotFoundCode = "ResourceNotFoundException";
    public const string InvalidPasswordCode = "InvalidPasswordException";
    public const string UsernameExistsCode = "UsernameExistsException";
    public const string UnsupportedTokenTypeCode = "UnsupportedTokenTypeException";
    public const string UnsupportedOperationCode = "UnsupportedOperationException";
    public const string UnauthorizedCode = "UnauthorizedException";

    // Authentication outcomes.
    public static CognitoServiceException IncorrectUsernameOrPassword() => From(SignInErrors.IncorrectUsernameOrPassword);

    public static CognitoServiceException UserDoesNotExist() => From(SignInErrors.UserDoesNotExist);

    public static CognitoServiceException UserDisabled() => From(SignInErrors.UserDisabled);

    public static CognitoServiceException TemporaryPasswordExpired() => From(SignInErrors.TemporaryPasswordExpired);

    public static CognitoServiceException InvalidSession() => From(SignInErrors.InvalidSession);

    public static CognitoServiceException SessionExpired() => From(SignInErrors.SessionExpired);

    public static CognitoServiceException SessionAlreadyUsed() => From(SignInErrors.SessionAlreadyUsed);

    public static CognitoServiceException InvalidRefreshToken() => From(PoolErrors.InvalidRefreshToken);

    public static CognitoServiceException RefreshTokenRevoked() => From(PoolErrors.RefreshTokenRevoked);

    public static CognitoServiceException RefreshTokenExpired() => From(PoolErrors.RefreshTokenExpired);

    // The emulator's wording: AWS's messages for these are not documented.
    public static CognitoServiceException RefreshTokenReused() =>
        new("RefreshTokenReuseException", "Refresh token has been invalidated by refresh token rotation.");

    public static CognitoServiceException ClientSecretMissing(string clientId) =>
        NotAuthorized($"Client {clientId} is configured with secret but ClientSecret was not received");

    public static CognitoServiceException ClientSecretMismatch(string clientId) => NotAuthorized($"Unable to verify client secret for client {clientId}");

    public static CognitoServiceException InvalidAccessToken() => From(PoolErrors.InvalidAccessToken);

    public static CognitoServiceException AccessTokenExpired() => From(PoolErrors.AccessTokenExpired);

    public static CognitoServiceException AccessTokenRevoked() => From(PoolErrors.AccessTokenRevoked);

    // App client rules.
    public static CognitoServiceException SecretHashMissing(string clientId) => From(SignInErrors.SecretHashMissing(clientId));

    public static CognitoServiceException SecretHashMismatch(string clientId) => From(SignInErrors.SecretHashMismatch(clientId));

    public static CognitoServiceException AuthFlowNotEnabled() => InvalidParameter("Auth flow not enabled for this client");

    public static CognitoServiceException FlowNotEnabled(string authFlow) => InvalidParameter($"{authFlow} flow not enabled for this client");

    public static CognitoServiceException RefreshTokenAuthWithRotation() =>
        InvalidParameter("ALLOW_REFRESH_TOKEN_AUTH is not a permitted ExplicitAuthFlow when refresh token rotation is enabled.");

    public static CognitoServiceException SrpNotEnabled() => InvalidParameter("USER_SRP_AUTH is not enabled for the client.");

    public static CognitoServiceException InitiateAuthMethodNotSupported() => InvalidParameter("Initiate Auth method not supported.");

    public static CognitoServiceException MissingParameter(string name) => From(SignInErrors.MissingParameter(name));

    // SRP. The TIMESTAMP wording is what the client libraries quote for AWS's answer (medium-low confidence); the SRP_A
    // messages are the emulator's own (AWS answers InvalidParameterException for an altered SRP_A, its text undocumented).
    public static CognitoServiceException SrpTimestampMalformed() => From(SignInErrors.SrpTimestampMalformed);

    public static CognitoServiceException SrpAZero() => From(SignInErrors.SrpAZero);

    public static CognitoServiceException SrpAMalformed() => From(SignInErrors.SrpAMalformed);

    // Software tokens (TOTP) and MFA.
    public static CognitoServiceException TotpCodeMismatch() => From(SignInErrors.TotpCodeMismatch);

    public static CognitoServiceException TotpCodeReused() => From(SignInErrors.TotpCodeReused);

    public static CognitoServiceException SoftwareTokenNotVerified() => From(SignInErrors.SoftwareTokenNotVerified);

    public static CognitoServiceException SoftwareTokenMfaNotEnabledForPool() => From(SignInErrors.SoftwareTokenMfaNotEnabledForPool);

    public static CognitoServiceException SoftwareTokenNotFoundForUser() => From(SignInErrors.SoftwareTokenNotFoundForUser);

    public static CognitoServiceException MfaTypeNotSetUp(string mfaType) => InvalidParameter($"User does not have delivery config set to turn on {mfaType}");

    public static CognitoServiceException AccessTokenOrSession() => InvalidParameter("Exactly one of AccessToken or Session must be provided.");

    // Resources and users.
    public static CognitoServiceException UserPoolNotFound(string userPoolId) =>
        new(ResourceNotFoundCode, $"User pool {userPoolId} does not exist.");

    public static CognitoServiceException ClientNotFound(string clientId) =>
        new(ResourceNotFoundCode, $"User pool client {clientId} does not exist.");

    public static CognitoServiceException EmailAlreadyExists() =>
        new(UsernameExistsCode, "An account with the given email already exists.");

    public static CognitoServiceException UsernameShouldBeEmail() => InvalidParameter("Username should be an email.");

    public static CognitoServiceException PasswordPolicy(string violation) => From(SignInErrors.PasswordPolicy(violation));

    public static CognitoServiceException AttributeNotInSchema(string name) => From(PoolErrors.AttributeNotInSchema(name));

    public static CognitoServiceException AttributeNotWritable(string name) => From(PoolErrors.AttributeNotWritable(name));

    /// <summary>Cognito's words, one line per attribute, each ending in a newline as the service's message does.</summary>
    public static CognitoServiceException AttributeImmutable(IEnumerable<string> names) => From(PoolErrors.AttributeImmutable(names));

    // Token revocation.
    public static CognitoServiceException TokenRevocationDisabled() =>
        new(UnsupportedOperationCode, "Token revocation is not enabled for this app client.");

    public static CognitoServiceException UnsupportedTokenType() =>
        new(UnsupportedTokenTypeCode, "Only refresh tokens can be revoked.");

    public static CognitoServiceException InvalidClientCredentials() =>
        new(UnauthorizedCode, "Invalid client id or client secret.");

    // Sign-up, confirmation and password reset.
    public static CognitoServiceException UsernameExists() => new("UsernameExistsException", "User already exists");

    public static CognitoServiceException SignUpNotPermitted() => NotAuthorized("SignUp is not permitted for this user pool");

    public static CognitoServiceException UserNotConfirmed() => From(SignInErrors.UserNotConfirmed);

    public static CognitoServiceException PasswordResetRequired() => From(SignInErrors.PasswordResetRequired);

    public static CognitoServiceException CodeMismatch() => new("CodeMismatchException", "Invalid verification code provided, please try again.");

    public static CognitoServiceException ExpiredCode() => new("ExpiredCodeException", "Invalid code provided, please request a code again.");

    public static CognitoServiceException CannotConfirm(string status) => NotAuthorized($"User cannot be confirmed. Current status is {status}");

    public static CognitoServiceException NoVerifiedContact() =>
        InvalidParameter("Cannot reset password for the user as there is no registered/verified email or phone_number");

    public static CognitoServiceException AccessTokenLacksScope() => From(PoolErrors.AccessTokenLacksScope);

    // Groups.
    public static CognitoServiceException GroupNotFound() => new(ResourceNotFoundCode, "Group not found.");

    public static CognitoServiceException GroupExists(string name) => new("GroupExistsException", $"A group with the name {name} already exists.");

    // Pools, clients, domains and resource servers.
    public static CognitoServiceException ResourceServerNotFound(string identifier) =>
        new(ResourceNotFoundCode, $"Resource server {identifier} does not exist.");

    public static CognitoServiceException ScopeDoesNotExist(string scope) => new("ScopeDoesNotExistException", $"Invalid scope requested: {scope}");

    public static CognitoServiceException InvalidOAuthFlow(string message) => new("InvalidOAuthFlowException", message);

    public static CognitoServiceException NotAuthorized(string message) => new(NotAuthorizedCode, message);

    public static CognitoServiceException InvalidParameter(string message) => new(InvalidParameterCode, message);

    // Choice-based sign-in and the codes sent to a person. AWS's wording for MFA OFF with an MFA type (seen in AWS's answers,
    // reported by others); the rest is the emulator's, as AWS does not document these texts.
    public static CognitoServiceException MfaOffWithMfaType() => InvalidParameter("Invalid MFA configuration given, can't turn off MFA and configure an MFA together.");

    public static CognitoServiceException FeatureUnavailableInTier(string feature) =>
        new("FeatureUnavailableInTierException", $"{feature} is not available in the LITE feature plan: set UserPoolTier to ESSENTIALS or PLUS.");

    public static CognitoServiceException EmailCodesNeedSes(string feature) =>
        InvalidParameter($"{feature} needs the user pool to send email with Amazon SES: set EmailConfiguration.EmailSendingAccount to DEVELOPER (with a SourceArn).");

    public static CognitoServiceException SmsCodesNeedSmsConfiguration(string feature) =>
        InvalidParameter($"{feature} needs the user pool to send SMS messages: set SmsConfiguration (SnsCallerArn).");

    /// <summary>The domain's error value as the exception the endpoint answers with.</summary>
    public static CognitoServiceException From(CognitoError error) => new(error.Code, error.Message, error.StatusCode);
}
