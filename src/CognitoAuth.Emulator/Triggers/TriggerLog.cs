using Microsoft.Extensions.Logging;

namespace CognitoAuth.Emulator.Triggers;

/// <summary>
/// What the emulator logs about triggers: which function ran where, and how it ended. Never the event or the answer: they
/// carry passwords (UserMigration), codes (CustomMessage) and challenge answers.
/// </summary>
internal static partial class TriggerLog
{
    [LoggerMessage(EventId = 60, EventName = "TriggerInvoked", Level = LogLevel.Information,
        Message = "{Trigger} ran {FunctionName} ({Source}) in {ElapsedMs:0.###} ms")]
    public static partial void FunctionInvoked(ILogger logger, string trigger, string functionName, string source, double elapsedMs);

    [LoggerMessage(EventId = 61, EventName = "TriggerFailed", Level = LogLevel.Information,
        Message = "{Trigger}: {FunctionName} ({Source}) failed; the operation answers UserLambdaValidationException")]
    public static partial void FunctionFailed(ILogger logger, string trigger, string functionName, string source);

    [LoggerMessage(EventId = 62, EventName = "TriggerTimedOut", Level = LogLevel.Warning,
        Message = "{Trigger}: {FunctionName} ({Source}) did not answer within 5 s; the operation answers UnexpectedLambdaException")]
    public static partial void FunctionTimedOut(ILogger logger, string trigger, string functionName, string source);

    [LoggerMessage(EventId = 63, EventName = "TriggerUnreachable", Level = LogLevel.Warning,
        Message = "{Trigger}: {FunctionName} ({Source}) could not be invoked ({Error}); the operation answers UnexpectedLambdaException")]
    public static partial void FunctionUnreachable(ILogger logger, string trigger, string functionName, string source, string error);

    [LoggerMessage(EventId = 64, EventName = "TriggerFunctionNotFound", Level = LogLevel.Warning,
        Message = "{Trigger}: no function {FunctionArn} (not registered in-process, and no --lambda-endpoint); the operation answers UnexpectedLambdaException")]
    public static partial void FunctionNotFound(ILogger logger, string trigger, string functionArn);

    [LoggerMessage(EventId = 65, EventName = "TriggerAnswerInvalid", Level = LogLevel.Warning,
        Message = "{Trigger}: the answer of {FunctionName} is {Problem}; the operation answers InvalidLambdaResponseException")]
    public static partial void AnswerInvalid(ILogger logger, string trigger, string functionName, string problem);
}
