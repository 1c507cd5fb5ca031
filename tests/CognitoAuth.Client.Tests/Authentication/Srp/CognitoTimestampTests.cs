using System.Globalization;
using System.Text.Json.Nodes;
using CognitoAuth.Client.Authentication.Srp;

namespace CognitoAuth.Client.Tests.Authentication.Srp;

public sealed class CognitoTimestampTests
{
    [Theory]
    [InlineData(2026, 2, 3, 7, 5, 9, "Tue Feb 3 07:05:09 UTC 2026")]
    [InlineData(2026, 11, 26, 14, 7, 0, "Thu Nov 26 14:07:00 UTC 2026")]
    [InlineData(2024, 2, 29, 0, 0, 0, "Thu Feb 29 00:00:00 UTC 2024")]
    [InlineData(2030, 12, 31, 23, 59, 59, "Tue Dec 31 23:59:59 UTC 2030")]
    public void Format_UtcTime_IsCognitosFormatWithTheDayNotPadded(int year, int month, int day, int hour, int minute, int second, string expected)
    {
        Assert.Equal(expected, CognitoTimestamp.Format(new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero)));
    }

    [Fact]
    public void Format_LocalOffset_WritesTheUtcTime()
    {
        // 01:30 on the 3rd in Tokyo is 16:30 UTC on the 2nd.
        Assert.Equal("Mon Feb 2 16:30:00 UTC 2026", CognitoTimestamp.Format(new DateTimeOffset(2026, 2, 3, 1, 30, 0, TimeSpan.FromHours(9))));
    }

    [Theory]
    [InlineData("ja-JP")]
    [InlineData("de-DE")]
    [InlineData("ar-SA")]
    public void Format_UnderAnotherCulture_StaysEnglishAndGregorian(string culture)
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            Assert.Equal("Tue Feb 3 07:05:09 UTC 2026", CognitoTimestamp.Format(new DateTimeOffset(2026, 2, 3, 7, 5, 9, TimeSpan.Zero)));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Format_EqualsAmazonCognitoIdentityJsDateHelper()
    {
        long[] times = [0, 1_770_102_309, 1_709_164_800, 1_924_991_999, 1_767_225_600 + 9 * 86_400 + 3_661];

        var js = AmazonCognitoIdentityJs.Run(new JsonObject { ["op"] = "timestamp", ["times"] = new JsonArray([.. times.Select(t => (JsonNode)t)]) })[0];

        var expected = js["timestamps"]!.AsArray().Select(t => t!.GetValue<string>());
        Assert.Equal(expected, times.Select(t => CognitoTimestamp.Format(DateTimeOffset.FromUnixTimeSeconds(t))));
    }
}
