using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace CognitoAuth.Emulator.Triggers;

/// <summary>
/// A Lambda function's ARN as a pool's <c>LambdaConfig</c> names it:
/// <c>arn:{partition}:lambda:{region}:{account}:function:{name}[:{qualifier}]</c>. The emulator finds the function by its
/// <see cref="FunctionName"/>; the qualifier (a version or alias) goes to the Invoke API as Lambda's <c>Qualifier</c>.
/// </summary>
internal sealed partial record LambdaArn(string Partition, string Region, string Account, string FunctionName, string? Qualifier)
{
    /// <summary>Parses <paramref name="arn"/>; <see langword="false"/> when it is not a Lambda function's ARN.</summary>
    public static bool TryParse(string? arn, [NotNullWhen(true)] out LambdaArn? parsed)
    {
        var match = arn is null ? Match.Empty : Pattern().Match(arn);
        parsed = match.Success
            ? new LambdaArn(
                match.Groups["partition"].Value,
                match.Groups["region"].Value,
                match.Groups["account"].Value,
                match.Groups["name"].Value,
                match.Groups["qualifier"].Success ? match.Groups["qualifier"].Value : null)
            : null;
        return parsed is not null;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"arn:{Partition}:lambda:{Region}:{Account}:function:{FunctionName}{(Qualifier is null ? string.Empty : ":" + Qualifier)}";

    // botocore's ArnType allows any ARN; Lambda's own rules: a name of letters, digits, '-' and '_' (64 at most), a qualifier
    // of a version number, $LATEST or an alias.
    [GeneratedRegex(@"^arn:(?<partition>aws[a-zA-Z-]*):lambda:(?<region>[a-z]{2}(-[a-z]+)+-\d+):(?<account>\d{12}):function:(?<name>[a-zA-Z0-9_-]{1,64})(:(?<qualifier>\$LATEST|[a-zA-Z0-9_-]{1,128}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
