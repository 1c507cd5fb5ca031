using Microsoft.Extensions.Logging;

namespace CognitoAuth.Emulator.Diagnostics;

/// <summary>
/// The emulator's log events. They name operations, routes, codes and ids only: never a password, token,
/// session, secret or request body.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "EmulatorStarted", Level = LogLevel.Information,
        Message = "Cognito endpoint {CognitoEndpoint}, API {ApiUrl}, user pool {UserPoolId}, app client {ClientId}")]
    public static partial void EmulatorStarted(ILogger logger, Uri cognitoEndpoint, Uri apiUrl, string userPoolId, string clientId);

    [LoggerMessage(EventId = 10, EventName = "CognitoRequest", Level = LogLevel.Information,
        Message = "Cognito {Operation} answered {StatusCode} (request {RequestId})")]
    public static partial void CognitoRequest(ILogger logger, string operation, int statusCode, string requestId);

    [LoggerMessage(EventId = 11, EventName = "CognitoRequestFailed", Level = LogLevel.Information,
        Message = "Cognito {Operation} answered {StatusCode} {ErrorCode} (request {RequestId})")]
    public static partial void CognitoRequestFailed(ILogger logger, string operation, int statusCode, string errorCode, string requestId);

    [LoggerMessage(EventId = 12, EventName = "CognitoInternalError", Level = LogLevel.Error,
        Message = "Cognito {Operation} failed unexpectedly (request {RequestId})")]
    public static partial void CognitoInternalError(ILogger logger, string operation, string requestId, Exception exception);

    [LoggerMessage(EventId = 13, EventName = "FaultInjected", Level = LogLevel.Information,
        Message = "Cognito {Operation}: injecting fault {Fault} (request {RequestId})")]
    public static partial void FaultInjected(ILogger logger, string operation, string fault, string requestId);

    [LoggerMessage(EventId = 20, EventName = "ApiRequest", Level = LogLevel.Information,
        Message = "API {Method} {Path} answered {StatusCode} (request {RequestId})")]
    public static partial void ApiRequest(ILogger logger, string method, string path, int statusCode, string requestId);

    [LoggerMessage(EventId = 21, EventName = "ApiUnauthorized", Level = LogLevel.Information,
        Message = "API {RouteKey} refused by the JWT authorizer: {Reason} (request {RequestId})")]
    public static partial void ApiUnauthorized(ILogger logger, string routeKey, string reason, string requestId);

    [LoggerMessage(EventId = 22, EventName = "FunctionFailed", Level = LogLevel.Error,
        Message = "The function {Handler} failed (request {RequestId})")]
    public static partial void FunctionFailed(ILogger logger, string handler, string requestId, Exception exception);

    [LoggerMessage(EventId = 27, EventName = "ApiFunctionNotRun", Level = LogLevel.Error,
        Message = "The function {FunctionName} behind the API did not answer: {Reason}; API Gateway answers 500 (request {RequestId})")]
    public static partial void ApiFunctionNotRun(ILogger logger, string functionName, string reason, string requestId);

    [LoggerMessage(EventId = 23, EventName = "FunctionResponseInvalid", Level = LogLevel.Error,
        Message = "The function {Handler} returned a response API Gateway cannot map: {Problem} (request {RequestId})")]
    public static partial void FunctionResponseInvalid(ILogger logger, string handler, string problem, string requestId);
}
