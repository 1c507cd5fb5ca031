using Amazon.CDK.AWS.Cognito;

namespace CognitoAuth.Stack.Identity;

/// <summary>
/// Refresh-token rotation of an app client: CloudFormation's <c>RefreshTokenRotation {Feature, RetryGracePeriodSeconds}</c> on
/// <c>AWS::Cognito::UserPoolClient</c> (botocore's <c>RefreshTokenRotationType</c>: <c>Feature</c> ENABLED | DISABLED,
/// grace 0–60 s). CDK 2.160 predates the property, so it is written as a property override.
/// </summary>
internal static class RefreshTokenRotation
{
    /// <summary>The longest reuse grace period Cognito accepts.</summary>
    internal static readonly TimeSpan MaxGracePeriod = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Writes the property on <paramref name="client"/>. Off is written as <c>Feature: DISABLED</c> rather than left out, so
    /// that redeploying with rotation off after it was on turns it off again explicitly.
    /// </summary>
    public static void Apply(CfnUserPoolClient client, bool enabled, TimeSpan gracePeriod)
    {
        ArgumentNullException.ThrowIfNull(client);
        ValidateGracePeriod(gracePeriod);
        client.AddPropertyOverride("RefreshTokenRotation", enabled
            ? new Dictionary<string, object> { ["Feature"] = "ENABLED", ["RetryGracePeriodSeconds"] = (int)gracePeriod.TotalSeconds }
            : new Dictionary<string, object> { ["Feature"] = "DISABLED" });
    }

    /// <summary>Fails unless <paramref name="gracePeriod"/> is whole seconds from 0 to 60.</summary>
    internal static void ValidateGracePeriod(TimeSpan gracePeriod)
    {
        if (gracePeriod < TimeSpan.Zero || gracePeriod > MaxGracePeriod || gracePeriod.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(gracePeriod), gracePeriod, "The refresh-token reuse grace period must be whole seconds from 0 to 60.");
        }
    }
}
