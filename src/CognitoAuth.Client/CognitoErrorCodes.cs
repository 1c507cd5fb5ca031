namespace CognitoAuth.Client;

/// <summary>Cognito error codes the client treats specially.</summary>
public static class CognitoErrorCodes
{
    /// <summary>Wrong credentials, a disabled user, or a revoked or expired refresh token.</summary>
    public const string NotAuthorized = "NotAuthorizedException";

    /// <summary>The user does not exist.</summary>
    public const string UserNotFound = "UserNotFoundException";

    /// <summary>The new password breaks the pool's password policy.</summary>
    public const string InvalidPassword = "InvalidPasswordException";

    /// <summary>An administrator reset the password; the user must set a new one.</summary>
    public const string PasswordResetRequired = "PasswordResetRequiredException";

    /// <summary>The user has not confirmed the account.</summary>
    public const string UserNotConfirmed = "UserNotConfirmedException";

    /// <summary>A parameter is missing or malformed.</summary>
    public const string InvalidParameter = "InvalidParameterException";

    /// <summary>Throttled by Cognito.</summary>
    public const string TooManyRequests = "TooManyRequestsException";

    /// <summary>A quota was exceeded.</summary>
    public const string LimitExceeded = "LimitExceededException";

    /// <summary>Throttled (generic AWS code).</summary>
    public const string Throttling = "ThrottlingException";

    /// <summary>Cognito failed internally.</summary>
    public const string InternalError = "InternalErrorException";

    /// <summary>The pool or client does not exist.</summary>
    public const string ResourceNotFound = "ResourceNotFoundException";

    /// <summary>A refresh token was reused under refresh-token rotation.</summary>
    public const string RefreshTokenReuse = "RefreshTokenReuseException";

    /// <summary>The endpoint does not know the operation (an emulator that predates it, e.g. <c>GetTokensFromRefreshToken</c>).</summary>
    public const string UnknownOperation = "UnknownOperationException";

    /// <summary>The client could not reach Cognito or timed out (not a Cognito code: set by this client).</summary>
    public const string TransportError = "TransportError";

    /// <summary>Cognito answered with a body this client could not read (not a Cognito code: set by this client).</summary>
    public const string MalformedResponse = "MalformedResponse";

    /// <summary>
    /// No AWS credentials were found to sign an <c>Admin*</c> call (not a Cognito code: set by this client). Configure
    /// the standard AWS credential chain or register <c>Amazon.Runtime.AWSCredentials</c>, or use the user-password flow.
    /// </summary>
    public const string CredentialsUnavailable = "CredentialsUnavailable";

    /// <summary>Whether a call that failed with <paramref name="errorCode"/> may succeed when retried.</summary>
    public static bool IsRetryable(string errorCode) => errorCode is TooManyRequests or LimitExceeded or Throttling or InternalError or TransportError;
}
