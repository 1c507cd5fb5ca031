using System.Globalization;
using System.Text.RegularExpressions;

namespace CognitoAuth.Emulator.Pool.Srp;

/// <summary>
/// The <c>TIMESTAMP</c> of a <c>PASSWORD_VERIFIER</c> answer, read strictly: English day and month names,
/// <c>ddd MMM d HH:mm:ss UTC yyyy</c>, a real date. A zero-padded day or a weekday that does not fit the date still reads
/// (AWS answers those "Incorrect username or password.", not a format error), but its <see cref="Canonical"/> form differs
/// from what the client signed, so the proof fails, as on AWS.
/// </summary>
internal static partial class SrpTimestamp
{
    private const string CanonicalFormat = "ddd MMM d HH:mm:ss 'UTC' yyyy";
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>Reads a timestamp; false when it is not in Cognito's format or names no real instant.</summary>
    public static bool TryParse(string? text, out DateTimeOffset time)
    {
        time = default;
        var match = text is null ? null : Shape().Match(text);
        if (match is not { Success: true })
        {
            return false;
        }

        var month = Array.IndexOf(Months, match.Groups["month"].Value) + 1;
        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(match.Groups["day"].Value, CultureInfo.InvariantCulture);
        if (year < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        time = new DateTimeOffset(
            year, month, day,
            int.Parse(match.Groups["hour"].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups["minute"].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups["second"].Value, CultureInfo.InvariantCulture),
            TimeSpan.Zero);
        return true;
    }

    /// <summary>The text Cognito signs for this instant (the day not zero-padded).</summary>
    public static string Canonical(DateTimeOffset time) => time.UtcDateTime.ToString(CanonicalFormat, CultureInfo.InvariantCulture);

    [GeneratedRegex(
        @"^(?:Sun|Mon|Tue|Wed|Thu|Fri|Sat) (?<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (?<day>0?[1-9]|[12][0-9]|3[01]) (?<hour>[01][0-9]|2[0-3]):(?<minute>[0-5][0-9]):(?<second>[0-5][0-9]) UTC (?<year>[0-9]{4})\z",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Shape();
}
