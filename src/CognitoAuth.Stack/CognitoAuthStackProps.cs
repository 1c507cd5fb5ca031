using Amazon.CDK;
using Amazon.CDK.AWS.Logs;

namespace CognitoAuth.Stack;

/// <summary>Settings of <see cref="CognitoAuthStack"/> beyond the reference definition.</summary>
public sealed class CognitoAuthStackProps : StackProps
{
    /// <summary>
    /// The folder holding the published function (<c>dotnet publish src/CognitoAuth.Function -c Release -r linux-x64
    /// --self-contained false -p:PublishReadyToRun=true</c>); it is deployed as the Lambda code, as is.
    /// </summary>
    public required string FunctionCodePath { get; init; }

    /// <summary>How long the function's logs and the API's access logs are kept.</summary>
    /// <value>The default value is <see cref="RetentionDays.TWO_WEEKS"/>.</value>
    public RetentionDays LogRetention { get; init; } = RetentionDays.TWO_WEEKS;
}
