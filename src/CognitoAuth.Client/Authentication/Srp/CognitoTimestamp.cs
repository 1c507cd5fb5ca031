using System.Globalization;

namespace CognitoAuth.Client.Authentication.Srp;

/// <summary>
/// The <c>TIMESTAMP</c> of a <c>PASSWORD_VERIFIER</c> answer: <c>ddd MMM d HH:mm:ss UTC yyyy</c> in English, the day not
/// zero-padded (<c>Tue Feb 3 07:05:09 UTC 2026</c>), as amazon-cognito-identity-js's <c>DateHelper</c> writes it. Cognito
/// signs this exact text: a zero-padded day or a local time zone gives "Incorrect username or password." (warrant #12).
/// </summary>
internal static class CognitoTimestamp
{
    private const string Pattern = "ddd MMM d HH:mm:ss 'UTC' yyyy";

    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);
}
