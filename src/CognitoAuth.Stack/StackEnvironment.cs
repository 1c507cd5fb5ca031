using System.Globalization;
using CognitoAuth.Reference;

namespace CognitoAuth.Stack;

/// <summary>
/// Where the app deploys to and the switches it takes from CDK context, decided without any AWS call so that synth works
/// offline.
/// </summary>
internal static class StackEnvironment
{
    /// <summary>The context key that overrides the region (<c>cdk synth -c region=us-east-1</c>).</summary>
    public const string RegionContextKey = "region";

    /// <summary>The context key naming the published function folder (set in cdk.json).</summary>
    public const string FunctionCodePathContextKey = "functionCodePath";

    /// <summary>The context key that switches refresh-token rotation on for the user app client (<c>-c refreshTokenRotation=true</c>).</summary>
    public const string RefreshTokenRotationContextKey = "refreshTokenRotation";

    /// <summary>The context key for the rotation's reuse grace period in seconds, 0–60 (<c>-c refreshTokenRotationGrace=30</c>).</summary>
    public const string RefreshTokenRotationGraceContextKey = "refreshTokenRotationGrace";

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

    /// <summary>
    /// A boolean context value: absent is <see langword="false"/>; <c>-c key=true</c> arrives as a string, cdk.json's
    /// <c>true</c> as a boolean. Anything else fails the synth naming the key, rather than deploying the other setting.
    /// </summary>
    public static bool Flag(string key, object? contextValue) => contextValue switch
    {
        null => false,
        bool b => b,
        string s when bool.TryParse(s.Trim(), out var b) => b,
        _ => throw new InvalidOperationException($"Context '{key}' must be true or false, not '{contextValue}'."),
    };

    /// <summary>
    /// The reuse grace period: <paramref name="fallback"/> when the context value is absent, else whole seconds from 0 to 60.
    /// </summary>
    public static TimeSpan GracePeriod(string key, object? contextValue, TimeSpan fallback)
    {
        var invalid = new InvalidOperationException($"Context '{key}' must be whole seconds from 0 to 60, not '{contextValue}'.");
        int? seconds = contextValue switch
        {
            null => null,
            int i => i,
            long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
            double d when d == Math.Floor(d) && Math.Abs(d) <= int.MaxValue => (int)d,
            string s when int.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) => i,
            _ => throw invalid,
        };
        return seconds switch
        {
            null => fallback,
            >= 0 and <= 60 => TimeSpan.FromSeconds(seconds.Value),
            _ => throw invalid,
        };
    }
}
