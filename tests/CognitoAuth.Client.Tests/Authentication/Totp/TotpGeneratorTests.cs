using System.Text;
using System.Text.Json.Nodes;
using CognitoAuth.Client.Authentication.Totp;
using CognitoAuth.Client.Tests.Configuration;
using CognitoAuth.Client.Tests.Authentication.Srp;

namespace CognitoAuth.Client.Tests.Authentication.Totp;

public sealed class TotpGeneratorTests
{
    // RFC 6238 appendix B, the SHA-1 rows: key "12345678901234567890", 8 digits, 30-second steps.
    [Theory]
    [InlineData(59L, 0x1L, "94287082")]
    [InlineData(1111111109L, 0x23523ECL, "07081804")]
    [InlineData(1111111111L, 0x23523EDL, "14050471")]
    [InlineData(1234567890L, 0x273EF07L, "89005924")]
    [InlineData(2000000000L, 0x3F940AAL, "69279037")]
    [InlineData(20000000000L, 0x27BC86AAL, "65353130")]
    public void Code_Rfc6238Sha1Vectors_Match(long unixSeconds, long expectedStep, string expectedCode)
    {
        var key = Encoding.ASCII.GetBytes("12345678901234567890");
        var time = DateTimeOffset.FromUnixTimeSeconds(unixSeconds);

        Assert.Equal(expectedStep, TotpGenerator.TimeStep(time));
        Assert.Equal(expectedCode, TotpGenerator.Code(key, TotpGenerator.TimeStep(time), digits: 8));
    }

    [Fact]
    public void Code_SixDigits_IsTheLastSixOfTheEightDigitCode()
    {
        // Both are the same 31-bit value modulo 10^6 and 10^8 (RFC 4226 §5.3).
        var key = Encoding.ASCII.GetBytes("12345678901234567890");

        Assert.Equal("287082", TotpGenerator.Code(key, 1));
        Assert.Equal("081804", TotpGenerator.Code(key, 0x23523EC));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(9)]
    public void Code_DigitsOutsideSixToEight_Throws(int digits)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TotpGenerator.Code([1, 2, 3], 1, digits));
    }

    [Fact]
    public void TimeStep_ChangesEveryThirtySecondsFromTheEpoch()
    {
        Assert.Equal(0, TotpGenerator.TimeStep(DateTimeOffset.FromUnixTimeSeconds(29)));
        Assert.Equal(1, TotpGenerator.TimeStep(DateTimeOffset.FromUnixTimeSeconds(30)));
        Assert.Equal(1, TotpGenerator.TimeStep(DateTimeOffset.FromUnixTimeMilliseconds(59_999)));
        Assert.Equal(2, TotpGenerator.TimeStep(DateTimeOffset.FromUnixTimeSeconds(60)));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(60), TotpGenerator.StepStart(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => TotpGenerator.TimeStep(DateTimeOffset.FromUnixTimeSeconds(-1)));
    }

    [Fact]
    public void CodeAt_SameStep_SameCodeAndStep_NextStep_Another()
    {
        var secret = TotpSecret.Parse("JBSWY3DPEHPK3PXP");
        var start = DateTimeOffset.FromUnixTimeSeconds(1_770_102_300);

        var first = secret.CodeAt(start);
        var later = secret.CodeAt(start.AddSeconds(29));
        var next = secret.CodeAt(start.AddSeconds(30));

        Assert.Equal(first.Value, later.Value);
        Assert.Equal(first.TimeStep, later.TimeStep);
        Assert.Equal(first.TimeStep + 1, next.TimeStep);
        Assert.NotEqual(first.Value, next.Value);
        Assert.Matches("^[0-9]{6}$", first.Value);
    }

    [Fact]
    public void CodeAt_EqualsOtpauth()
    {
        // A 32-byte secret, written as AssociateSoftwareToken writes one: 52 base32 characters, no padding.
        var key = SrpSignInTests.Bytes("totp-secret", 32);
        var base32 = Base32Tests.Encode(key);
        long[] times = [1, 59, 1_770_102_309, 1_770_102_310, 1_999_999_999, 4_102_444_800];
        var secret = TotpSecret.Parse(base32);

        var js = AmazonCognitoIdentityJs.Run(new JsonObject
        {
            ["op"] = "totp",
            ["secret"] = base32,
            ["times"] = new JsonArray([.. times.Select(t => (JsonNode)t)]),
        })[0];

        Assert.Equal(52, base32.Length);
        Assert.Equal(js["codes"]!.AsArray().Select(c => c!.GetValue<string>()), times.Select(t => secret.CodeAt(DateTimeOffset.FromUnixTimeSeconds(t)).Value));
    }

    [Fact]
    public void Parse_NotBase32_ThrowsWithoutEchoingTheSecret()
    {
        const string Typo = "JBSWY3DPEHPK3PX1";

        var exception = Assert.Throws<FormatException>(() => TotpSecret.Parse(Typo));

        Assert.Contains("not base32", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Typo, exception.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.False(TotpSecret.TryParse(Typo, out _));
        Assert.False(TotpSecret.TryParse(null, out _));
        Assert.False(TotpSecret.TryParse("", out _));
    }

    [Fact]
    public void ToString_ShowsNeitherTheSecretNorTheCode()
    {
        var secret = TotpSecret.Parse("JBSWY3DPEHPK3PXP");
        var code = secret.CodeAt(DateTimeOffset.FromUnixTimeSeconds(1_770_102_309));

        Assert.DoesNotContain("JBSWY3DPEHPK3PXP", secret.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(code.Value, code.ToString(), StringComparison.Ordinal);
        Assert.Contains(code.TimeStep.ToString(System.Globalization.CultureInfo.InvariantCulture), code.ToString(), StringComparison.Ordinal);
    }
}
