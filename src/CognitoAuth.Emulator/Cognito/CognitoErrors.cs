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
    public static CognitoServiceException IncorrectUsernameOrPassword() => NotAuthorized("Incorrect username or password.");

    public static CognitoServiceException UserDoesNotExist() => new(UserNotFoundCode, "User does not exist.");

    public static CognitoServiceException UserDisabled() => NotAuthorized("User is disabled.");

    public static CognitoServiceException TemporaryPasswordExpired() =>
        NotAuthorized("Temporary password has expired and must be reset by an administrator.");

    public static CognitoServiceException InvalidSession() => NotAuthorized("Invalid session for the user.");

    public static CognitoServiceException SessionExpired() => NotAuthorized("Invalid session for the user, session is expired.");

    public static CognitoServiceException SessionAlreadyUsed() =>
        NotAuthorized("Invalid session for the user, session can only be used once.");

    public static CognitoServiceException InvalidRefreshToken() => NotAuthorized("Invalid Refresh Token");

    public static CognitoServiceException RefreshTokenRevoked() => NotAuthorized("Refresh Token has been revoked");

    public static CognitoServiceException RefreshTokenExpired() => NotAuthorized("Refresh Token has expired");

    // The emulator's wording: AWS's messages for these are not documented.
    public static CognitoServiceException RefreshTokenReused() =>
        new("RefreshTokenReuseException", "Refresh token has been invalidated by refresh token rotation.");

    public static CognitoServiceException ClientSecretMissing(string clientId) =>
        NotAuthorized($"Client {clientId} is configured with secret but ClientSecret was not received");

    public static CognitoServiceException ClientSecretMismatch(string clientId) => NotAuthorized($"Unable to verify client secret for client {clientId}");

    public static CognitoServiceException InvalidAccessToken() => NotAuthorized("Invalid Access Token");

    public static CognitoServiceException AccessTokenExpired() => NotAuthorized("Access Token has expired");

    public static CognitoServiceException AccessTokenRevoked() => NotAuthorized("Access Token has been revoked");

    // App client rules.
    public static CognitoServiceException SecretHashMissing(string clientId) =>
        NotAuthorized($"Client {clientId} is configured with secret but SECRET_HASH was not received");

    public static CognitoServiceException SecretHashMismatch(string clientId) =>
        NotAuthorized($"Unable to verify secret hash for client {clientId}");

    public static CognitoServiceException AuthFlowNotEnabled() => InvalidParameter("Auth flow not enabled for this client");

    public static CognitoServiceException FlowNotEnabled(string authFlow) => InvalidParameter($"{authFlow} flow not enabled for this client");

    public static CognitoServiceException RefreshTokenAuthWithRotation() =>
        InvalidParameter("ALLOW_REFRESH_TOKEN_AUTH is not a permitted ExplicitAuthFlow when refresh token rotation is enabled.");

    public static CognitoServiceException SrpNotEnabled() => InvalidParameter("USER_SRP_AUTH is not enabled for the client.");

    public static CognitoServiceException InitiateAuthMethodNotSupported() => InvalidParameter("Initiate Auth method not supported.");

    public static CognitoServiceException MissingParameter(string name) => InvalidParameter($"Missing required parameter {name}");

    // SRP. The TIMESTAMP wording is what the client libraries quote for AWS's answer (medium-low confidence); the SRP_A
    // messages are the emulator's own (AWS answers InvalidParameterException for an altered SRP_A, its text undocumented).
    public static CognitoServiceException SrpTimestampMalformed() => InvalidParameter("TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.");

    public static CognitoServiceException SrpAZero() => InvalidParameter("SRP_A cannot be zero modulo N.");

    public static CognitoServiceException SrpAMalformed() => InvalidParameter("SRP_A is not a hexadecimal SRP value.");

    // Software tokens (TOTP) and MFA.
    public static CognitoServiceException TotpCodeMismatch() => new("CodeMismatchException", "Invalid code received for user");

    public static CognitoServiceException TotpCodeReused() => new("ExpiredCodeException", "Your software token has already been used once.");

    public static CognitoServiceException SoftwareTokenNotVerified() => new("EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA");

    public static CognitoServiceException SoftwareTokenMfaNotEnabledForPool() =>
        new("SoftwareTokenMFANotFoundException", "Software Token MFA has not been enabled by the userPool.");

    public static CognitoServiceException SoftwareTokenNotFoundForUser() =>
        new("SoftwareTokenMFANotFoundException", "Software Token MFA does not exist for the user.");

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

    public static CognitoServiceException PasswordPolicy(string violation) =>
        new(InvalidPasswordCode, $"Password did not conform with policy: {violation}");

    public static CognitoServiceException AttributeNotInSchema(string name) =>
        InvalidParameter($"Attributes did not conform to the schema: {name}: Attribute does not exist in the schema.");

    public static CognitoServiceException AttributeNotWritable(string name) =>
        InvalidParameter($"Attributes did not conform to the schema: {name}: Attribute cannot be updated.");

    /// <summary>Cognito's words, one line per attribute, each ending in a newline as the service's message does.</summary>
    public static CognitoServiceException AttributeImmutable(IEnumerable<string> names) =>
        InvalidParameter(string.Concat(names.Select(name => $"user.{name}: Attribute cannot be updated.\n")));

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

    public static CognitoServiceException UserNotConfirmed() => new("UserNotConfirmedException", "User is not confirmed.");

    public static CognitoServiceException PasswordResetRequired() => new("PasswordResetRequiredException", "Password reset required for the user");

    public static CognitoServiceException CodeMismatch() => new("CodeMismatchException", "Invalid verification code provided, please try again.");

    public static CognitoServiceException ExpiredCode() => new("ExpiredCodeException", "Invalid code provided, please request a code again.");

    public static CognitoServiceException CannotConfirm(string status) => NotAuthorized($"User cannot be confirmed. Current status is {status}");

    public static CognitoServiceException NoVerifiedContact() =>
        InvalidParameter("Cannot reset password for the user as there is no registered/verified email or phone_number");

    public static CognitoServiceException AccessTokenLacksScope() => NotAuthorized("Access Token does not have required scopes");

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
}
