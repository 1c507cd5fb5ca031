using System.Text.RegularExpressions;
using CognitoAuth.Emulator.Cognito;

namespace CognitoAuth.Emulator.Pool;

/// <summary>
/// ListUsers' <c>Filter</c>: <c>attribute = "value"</c> (exact) or <c>attribute ^= "value"</c> (prefix), on the attributes
/// Cognito searches (<c>username</c>, <c>email</c>, <c>phone_number</c>, <c>name</c>, <c>given_name</c>, <c>family_name</c>,
/// <c>preferred_username</c>, <c>cognito:user_status</c>, <c>status</c>, <c>sub</c>). An empty filter matches every user.
/// </summary>
internal sealed partial class UserFilter
{
    private static readonly HashSet<string> Searchable = new(StringComparer.Ordinal)
    {
        "username", "email", "phone_number", "name", "given_name", "family_name", "preferred_username", "cognito:user_status", "status", "sub",
    };

    private readonly string? _attribute;
    private readonly string _value = string.Empty;
    private readonly bool _prefix;

    private UserFilter(string? attribute, string value, bool prefix)
    {
        _attribute = attribute;
        _value = value;
        _prefix = prefix;
    }

    public static UserFilter Parse(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return new UserFilter(null, string.Empty, prefix: false);
        }

        var match = Shape().Match(filter);
        if (!match.Success)
        {
            throw CognitoErrors.InvalidParameter("Error while parsing filter.");
        }

        var attribute = match.Groups["attribute"].Value;
        if (!Searchable.Contains(attribute))
        {
            throw CognitoErrors.InvalidParameter($"Invalid search attribute: {attribute}");
        }

        return new UserFilter(attribute, match.Groups["value"].Value.Replace("\\\"", "\"", StringComparison.Ordinal), match.Groups["operator"].Value == "^=");
    }

    public bool Matches(PoolUser user)
    {
        if (_attribute is null)
        {
            return true;
        }

        var actual = _attribute switch
        {
            "username" => user.Username,
            "cognito:user_status" => user.Status,
            "status" => user.Enabled ? "Enabled" : "Disabled",
            var name => user.Attribute(name),
        };

        // Cognito compares case-insensitively for username-like attributes; the emulator does for all of them.
        return actual is not null && (_prefix
            ? actual.StartsWith(_value, StringComparison.OrdinalIgnoreCase)
            : actual.Equals(_value, StringComparison.OrdinalIgnoreCase));
    }

    public override string ToString() => _attribute is null ? "UserFilter { all }" : $"UserFilter {{ {_attribute} {(_prefix ? "^=" : "=")} … }}";

    [GeneratedRegex("""^\s*(?<attribute>[a-z_:]+)\s*(?<operator>\^?=)\s*"(?<value>(?:[^"\\]|\\.)*)"\s*$""", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
