using System.Text.RegularExpressions;
using Amazon.CDK;

namespace CognitoAuth.Stack.Identity;

/// <summary>
/// The user pool domain's prefix: <c>{stem}-{account id}</c>. Prefix domains share one namespace per region across all
/// accounts, so the account id makes the reference prefix unique per account and region without a lookup at synth time.
/// </summary>
internal static partial class DomainPrefix
{
    /// <summary>An account id is 12 digits; with its hyphen it takes 13 of the prefix's 63 characters.</summary>
    internal const int MaxStemLength = 63 - 13;

    /// <summary>Words Cognito refuses anywhere in a prefix (its developer guide, "Using the Amazon Cognito prefix domain").</summary>
    private static readonly string[] Reserved = ["aws", "amazon", "cognito"];

    /// <summary>The prefix for <paramref name="stem"/> in the stack's account (a CloudFormation expression).</summary>
    public static string For(string stem)
    {
        Validate(stem);
        return Fn.Join("-", [stem, Aws.ACCOUNT_ID]);
    }

    /// <summary>Fails, naming the rule, when <paramref name="stem"/> cannot start a Cognito domain prefix.</summary>
    internal static void Validate(string stem)
    {
        ArgumentNullException.ThrowIfNull(stem);
        // botocore's DomainType: ^[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?$ (the stem is followed by "-" and digits).
        if (!StemPattern().IsMatch(stem))
        {
            throw new ArgumentException($"The domain prefix stem '{stem}' must be lowercase letters, digits and hyphens, starting with a letter or digit.", nameof(stem));
        }

        if (stem.Length > MaxStemLength)
        {
            throw new ArgumentException($"The domain prefix stem '{stem}' is longer than {MaxStemLength} characters; with the account id it would exceed Cognito's 63.", nameof(stem));
        }

        var reserved = Reserved.FirstOrDefault(w => stem.Contains(w, StringComparison.Ordinal));
        if (reserved is not null)
        {
            throw new ArgumentException($"The domain prefix stem '{stem}' contains '{reserved}', which Cognito does not allow in a domain prefix.", nameof(stem));
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex StemPattern();
}
