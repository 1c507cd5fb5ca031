using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace CognitoAuth.Client.Configuration;

/// <summary>The shape of a user pool id, <c>&lt;region&gt;_&lt;id&gt;</c> (botocore <c>UserPoolIdType</c>: <c>[\w-]+_[0-9a-zA-Z]+</c>).</summary>
internal static partial class UserPoolIdFormat
{
    public static bool IsValid([NotNullWhen(true)] string? userPoolId) => userPoolId is not null && Pattern().IsMatch(userPoolId);

    /// <summary>The region prefix of a well-formed pool id.</summary>
    public static bool TryGetRegion(string? userPoolId, [NotNullWhen(true)] out string? region)
    {
        region = IsValid(userPoolId) ? userPoolId[..userPoolId.LastIndexOf('_')] : null;
        return region is not null;
    }

    [GeneratedRegex(@"^[\w-]+_[0-9a-zA-Z]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
