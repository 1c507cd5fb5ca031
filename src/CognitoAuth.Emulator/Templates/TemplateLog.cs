using Microsoft.Extensions.Logging;

namespace CognitoAuth.Emulator.Templates;

/// <summary>What a template deployment says once at start. Names, types and ids only: never a secret.</summary>
internal static partial class TemplateLog
{
    [LoggerMessage(EventId = 60, EventName = "StackDeployed", Level = LogLevel.Information,
        Message = "Stack {StackName} deployed: {Resources} resources; Cognito endpoint {CognitoEndpoint}, APIs {ApiUrls}")]
    public static partial void StackDeployed(ILogger logger, string stackName, int resources, Uri cognitoEndpoint, string apiUrls);

    [LoggerMessage(EventId = 61, EventName = "ResourceTypesNotEmulated", Level = LogLevel.Warning,
        Message = "Not emulated (declared by the template, created as placeholders only): {Types}")]
    public static partial void ResourceTypesNotEmulated(ILogger logger, string types);

    [LoggerMessage(EventId = 62, EventName = "TemplateNote", Level = LogLevel.Warning, Message = "{Note}")]
    public static partial void Note(ILogger logger, string note);
}
