using Amazon.CDK;
using Amazon.CDK.AWS.Logs;
using CognitoAuth.Reference;

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

    /// <summary>
    /// Whether the user app client rotates refresh tokens (<c>GetTokensFromRefreshToken</c> returns a new one each time, and
    /// <c>REFRESH_TOKEN_AUTH</c> is then not allowed on it).
    /// </summary>
    /// <value>The default value is <see langword="false"/> (<c>-c refreshTokenRotation=true</c> switches it on).</value>
    public bool RefreshTokenRotation { get; init; }

    /// <summary>How long a rotated-out refresh token still works, when rotation is on: whole seconds from 0 to 60.</summary>
    /// <value>The default value is <see cref="ReferenceStack.RefreshTokenRotationGracePeriod"/> (10 seconds).</value>
    public TimeSpan RefreshTokenRotationGracePeriod { get; init; } = ReferenceStack.RefreshTokenRotationGracePeriod;
}
