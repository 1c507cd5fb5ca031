using CognitoAuth.Reference;

namespace CognitoAuth.Stack;

/// <summary>Where the app deploys to, decided without any AWS call so that synth works offline.</summary>
internal static class StackEnvironment
{
    /// <summary>The context key that overrides the region (<c>cdk synth -c region=us-east-1</c>).</summary>
    public const string RegionContextKey = "region";

    /// <summary>The context key naming the published function folder (set in cdk.json).</summary>
    public const string FunctionCodePathContextKey = "functionCodePath";

    /// <summary>
    /// The region: the <c>region</c> context value, else <c>AWS_REGION</c>, else <c>AWS_DEFAULT_REGION</c>, else
    /// <see cref="ReferenceStack.DefaultRegion"/>.
    /// </summary>
    /// <remarks>
    /// <c>CDK_DEFAULT_REGION</c> is deliberately not read: the CDK CLI always sets it for the app, to
    /// <c>us-east-1</c> when nothing is configured, which would silently replace the reference region.
    /// </remarks>
    public static string Region(string? contextValue, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string?[] candidates = [contextValue, environment("AWS_REGION"), environment("AWS_DEFAULT_REGION")];
        return candidates.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c))?.Trim() ?? ReferenceStack.DefaultRegion;
    }
}
