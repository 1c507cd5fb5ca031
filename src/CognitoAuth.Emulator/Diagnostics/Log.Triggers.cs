using Microsoft.Extensions.Logging;

namespace CognitoAuth.Emulator.Diagnostics;

/// <summary>
/// What the emulator logs about triggers: which function ran where, and how it ended. Never the event or the answer: they
/// carry passwords (UserMigration), codes (CustomMessage) and challenge answers.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 60, EventName = "TriggerInvoked", Level = LogLevel.Information,
        Message = "{Trigger} ran {FunctionName} ({Source}) in {ElapsedMs:0.###} ms")]
    public static partial void TriggerInvoked(ILogger logger, string trigger, string functionName, string source, double elapsedMs);

    [LoggerMessage(EventId = 61, EventName = "TriggerFailed", Level = LogLevel.Information,
        Message = "{Trigger}: {FunctionName} ({Source}) failed; the operation answers UserLambdaValidationException")]
    public static partial void TriggerFailed(ILogger logger, string trigger, string functionName, string source);

    [LoggerMessage(EventId = 62, EventName = "TriggerTimedOut", Level = LogLevel.Warning,
        Message = "{Trigger}: {FunctionName} ({Source}) did not answer within 5 s; the operation answers UnexpectedLambdaException")]
    public static partial void TriggerTimedOut(ILogger logger, string trigger, string functionName, string source);

    [LoggerMessage(EventId = 63, EventName = "TriggerUnreachable", Level = LogLevel.Warning,
        Message = "{Trigger}: {FunctionName} ({Source}) could not be invoked ({Error}); the operation answers UnexpectedLambdaException")]
    public static partial void TriggerUnreachable(ILogger logger, string trigger, string functionName, string source, string error);

    [LoggerMessage(EventId = 64, EventName = "TriggerFunctionNotFound", Level = LogLevel.Warning,
        Message = "{Trigger}: no function {FunctionArn} (not registered in-process, and no --lambda-endpoint); the operation answers UnexpectedLambdaException")]
    public static partial void TriggerFunctionNotFound(ILogger logger, string trigger, string functionArn);

    [LoggerMessage(EventId = 65, EventName = "TriggerAnswerInvalid", Level = LogLevel.Warning,
        Message = "{Trigger}: the answer of {FunctionName} is {Problem}; the operation answers InvalidLambdaResponseException")]
    public static partial void TriggerAnswerInvalid(ILogger logger, string trigger, string functionName, string problem);
}
