using Microsoft.Extensions.Logging;

namespace CognitoAuth.Client.Cognito;

/// <summary>
/// Logs of the Cognito wire layer (event ids 1000–1099). They carry the operation, status, error code, request id
/// and elapsed time, never a request or response body: those hold passwords, tokens and sessions.
/// </summary>
internal static partial class CognitoLog
{
    [LoggerMessage(EventId = 1000, EventName = "CognitoCallSucceeded", Level = LogLevel.Debug,
        Message = "Cognito {Operation} answered {StatusCode} in {ElapsedMilliseconds} ms (request id {RequestId}).")]
    public static partial void CallSucceeded(ILogger logger, string operation, int statusCode, double elapsedMilliseconds, string? requestId);

    [LoggerMessage(EventId = 1001, EventName = "CognitoCallFailed", Level = LogLevel.Warning,
        Message = "Cognito {Operation} failed with {StatusCode} {ErrorCode} in {ElapsedMilliseconds} ms (request id {RequestId}, retryable {IsRetryable}).")]
    public static partial void CallFailed(ILogger logger, string operation, int? statusCode, string errorCode, double elapsedMilliseconds, string? requestId, bool isRetryable);

    [LoggerMessage(EventId = 1002, EventName = "CognitoTransportFailed", Level = LogLevel.Warning,
        Message = "Cognito {Operation} got no response after {ElapsedMilliseconds} ms.")]
    public static partial void TransportFailed(ILogger logger, string operation, double elapsedMilliseconds, Exception exception);
}
