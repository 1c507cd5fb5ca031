using System.Text;
using CognitoAuth.Emulator.Pool.Totp;
using CognitoAuth.Emulator.Tests.Pool.Srp;

namespace CognitoAuth.Emulator.Tests.Pool.Totp;

public sealed class SoftwareTokenTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_770_102_309);

    // RFC 6238 appendix B, the SHA-1 rows (key "12345678901234567890", 8 digits).
    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void Hotp_Rfc6238Sha1Vectors_Match(long unixSeconds, string expected)
    {
        var step = SoftwareToken.StepOf(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));

        Assert.Equal(expected, SoftwareToken.Hotp(Encoding.ASCII.GetBytes("12345678901234567890"), step, 8));
    }

    [Fact]
    public void Generate_GivesA52CharacterBase32SecretEachTimeNew()
    {
        var first = SoftwareToken.Generate();
        var second = SoftwareToken.Generate();

        Assert.Matches("^[A-Z2-7]{52}$", first.SecretCode);
        Assert.NotEqual(first.SecretCode, second.SecretCode);
    }

    [Fact]
    public void Generate_SecretEncodesTheRandomBytes()
    {
        // RFC 4648: "foobar" is MZXW6YTBOI; 32 bytes of 0xFF are 51 '7's and a final 'Q' (the last 4 bits padded with 0).
        Assert.Equal("MZXW6YTBOI", SoftwareToken.Generate(_ => Encoding.ASCII.GetBytes("foobar")).SecretCode);
        Assert.Equal(new string('7', 51) + "Q", SoftwareToken.Generate(n => Enumerable.Repeat((byte)0xFF, n).ToArray()).SecretCode);
    }

    [Fact]
    public void Verify_OtpauthCodeForNow_IsAcceptedWithItsStep()
    {
        var token = SoftwareToken.Generate();
        var code = AmazonCognitoIdentityJsPeer.TotpCodes(token.SecretCode, Now.ToUnixTimeSeconds())[0];

        var check = token.Verify(code, Now);

        Assert.Equal(TotpResult.Accepted, check.Result);
        Assert.Equal(Now.ToUnixTimeSeconds() / 30, check.Step);
    }

    [Theory]
    [InlineData(-30, nameof(TotpResult.Accepted))] // the code of the step before now (a code typed just as it changed)
    [InlineData(30, nameof(TotpResult.Accepted))] // the code of the step after now (a device clock a little fast)
    [InlineData(-60, nameof(TotpResult.Mismatch))]
    [InlineData(60, nameof(TotpResult.Mismatch))]
    public void Verify_OtpauthCodeOfANearbyStep_IsAcceptedOneStepEitherWay(int codeOffsetSeconds, string expectedResult)
    {
        var expected = Enum.Parse<TotpResult>(expectedResult);
        var token = SoftwareToken.Generate();
        var codeTime = Now.AddSeconds(codeOffsetSeconds);
        var code = AmazonCognitoIdentityJsPeer.TotpCodes(token.SecretCode, codeTime.ToUnixTimeSeconds())[0];

        var check = token.Verify(code, Now);

        Assert.Equal(expected, check.Result);
        Assert.Equal(expected == TotpResult.Accepted ? codeTime.ToUnixTimeSeconds() / 30 : null, check.Step);
    }

    [Fact]
    public void Verify_CodesEqualOtpauthsAcrossManySteps()
    {
        var token = SoftwareToken.Generate();
        long[] times = [30, 1_111_111_109, 1_770_102_309, 1_999_999_999, 4_102_444_800];

        var codes = AmazonCognitoIdentityJsPeer.TotpCodes(token.SecretCode, times);

        Assert.Equal(codes, times.Select(t => token.CodeFor(t / 30)));
    }

    [Fact]
    public void Verify_CodeOfAStepAlreadyAnswered_IsReused()
    {
        var token = SoftwareToken.Generate();
        var step = SoftwareToken.StepOf(Now);
        var code = token.CodeFor(step);

        Assert.Equal(new TotpCheck(TotpResult.Reused, step), token.Verify(code, Now, lastAcceptedStep: step));
        Assert.Equal(new TotpCheck(TotpResult.Reused, step), token.Verify(code, Now.AddSeconds(30), lastAcceptedStep: step));
        Assert.Equal(new TotpCheck(TotpResult.Accepted, step), token.Verify(code, Now, lastAcceptedStep: step - 1));
        Assert.Equal(new TotpCheck(TotpResult.Accepted, step + 1), token.Verify(token.CodeFor(step + 1), Now.AddSeconds(30), lastAcceptedStep: step));
    }

    [Fact]
    public void Verify_CodeOfAStepBeforeTheLastAccepted_IsNotAccepted()
    {
        // The next step's code was accepted (a fast device); the current step's code must not work after it.
        var token = SoftwareToken.Generate();
        var step = SoftwareToken.StepOf(Now);

        Assert.Equal(TotpResult.Reused, token.Verify(token.CodeFor(step), Now, lastAcceptedStep: step + 1).Result);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    [InlineData(" 12345")]
    [InlineData("١٢٣٤٥٦")] // Arabic-Indic digits are digits to char.IsDigit, not to a TOTP
    public void Verify_NotSixAsciiDigits_IsAMismatch(string? code)
    {
        Assert.Equal(new TotpCheck(TotpResult.Mismatch, null), SoftwareToken.Generate().Verify(code, Now));
    }

    [Fact]
    public void Verify_WrongCode_IsAMismatch()
    {
        var token = SoftwareToken.Generate();
        var right = token.CodeFor(SoftwareToken.StepOf(Now));
        var wrong = ((int.Parse(right, System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(TotpResult.Mismatch, token.Verify(wrong, Now).Result);
        Assert.Equal(TotpResult.Mismatch, SoftwareToken.Generate().Verify(right, Now).Result);
    }

    [Fact]
    public void TryFromSecretCode_ReadsWhatGenerateWrote_InEitherCase()
    {
        var token = SoftwareToken.Generate();
        var step = SoftwareToken.StepOf(Now);

        Assert.True(SoftwareToken.TryFromSecretCode(token.SecretCode, out var upper));
        Assert.True(SoftwareToken.TryFromSecretCode(token.SecretCode.ToLowerInvariant(), out var lower));
        Assert.True(SoftwareToken.TryFromSecretCode("MZXW6YTBOI======", out var padded));
        Assert.Equal(token.CodeFor(step), upper.CodeFor(step));
        Assert.Equal(token.CodeFor(step), lower.CodeFor(step));
        Assert.Equal(SoftwareToken.Generate(_ => Encoding.ASCII.GetBytes("foobar")).CodeFor(step), padded.CodeFor(step));
    }

    [Theory]
    [InlineData("MZXW6YT1")]
    [InlineData("M")]
    [InlineData("")]
    [InlineData(null)]
    public void TryFromSecretCode_NotBase32_IsRefused(string? secret)
    {
        Assert.False(SoftwareToken.TryFromSecretCode(secret, out var token));
        Assert.Null(token);
    }

    [Fact]
    public void ToString_ShowsNoSecret()
    {
        var token = SoftwareToken.Generate();

        Assert.DoesNotContain(token.SecretCode[..16], token.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
