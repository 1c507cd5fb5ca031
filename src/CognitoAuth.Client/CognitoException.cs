using System.Net;

namespace CognitoAuth.Client;

/// <summary>
/// A Cognito API call failed. Carries Cognito's error code (e.g. <c>NotAuthorizedException</c>), its message,
/// the HTTP status, the request id, and whether retrying may help. Never carries a password, token, session or secret.
/// </summary>
public sealed class CognitoException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errorCode">Cognito's error code, without namespace prefix.</param>
    /// <param name="message">Cognito's message, or a description of a transport failure.</param>
    /// <param name="statusCode">The HTTP status, or <see langword="null"/> when no response arrived.</param>
    /// <param name="requestId">The <c>x-amzn-requestid</c> of the failed call, when known.</param>
    /// <param name="isRetryable">Whether the same call may succeed when retried.</param>
    /// <param name="innerException">The transport exception, if any.</param>
    public CognitoException(string errorCode, string message, HttpStatusCode? statusCode, string? requestId, bool isRetryable, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorCode);
        ErrorCode = errorCode;
        StatusCode = statusCode;
        RequestId = requestId;
        IsRetryable = isRetryable;
    }

    /// <summary>Cognito's error code, e.g. <c>NotAuthorizedException</c> or <c>TooManyRequestsException</c>.</summary>
    public string ErrorCode { get; }

    /// <summary>The HTTP status of the response, or <see langword="null"/> when none arrived.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The request id Cognito assigned (<c>x-amzn-requestid</c>), for AWS support.</summary>
    public string? RequestId { get; }

    /// <summary>Whether the failure is transient (throttling, 5xx, timeout) and a retry may succeed.</summary>
    public bool IsRetryable { get; }
}
