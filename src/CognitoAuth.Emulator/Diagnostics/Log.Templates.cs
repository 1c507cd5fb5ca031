using Microsoft.Extensions.Logging;

namespace CognitoAuth.Emulator.Diagnostics;

/// <summary>
/// What a template deployment says once at start. Names, types and ids only: never a secret. Event ids 70–72: the
/// emulator's logs share one category, and 60–65 are the triggers'.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 70, EventName = "StackDeployed", Level = LogLevel.Information,
        Message = "Stack {StackName} deployed: {Resources} resources; Cognito endpoint {CognitoEndpoint}, APIs {ApiUrls}")]
    public static partial void StackDeployed(ILogger logger, string stackName, int resources, Uri cognitoEndpoint, string apiUrls);

    [LoggerMessage(EventId = 71, EventName = "ResourceTypesNotEmulated", Level = LogLevel.Warning,
        Message = "Not emulated (declared by the template, created as placeholders only): {Types}")]
    public static partial void ResourceTypesNotEmulated(ILogger logger, string types);

    [LoggerMessage(EventId = 72, EventName = "TemplateNote", Level = LogLevel.Warning, Message = "{Note}")]
    public static partial void TemplateNote(ILogger logger, string note);
}
