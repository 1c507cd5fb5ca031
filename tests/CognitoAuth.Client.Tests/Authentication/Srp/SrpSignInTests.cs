using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CognitoAuth.Client.Authentication;
using CognitoAuth.Client.Authentication.Srp;

namespace CognitoAuth.Client.Tests.Authentication.Srp;

/// <summary>
/// The client's SRP against AWS's own amazon-cognito-identity-js (its <c>authenticateUser</c>, default USER_SRP_AUTH flow, run
/// in node): for the same fixed a, salt, B, secret block, timestamp, password, pool and user, the <c>SRP_A</c> it sends and
/// every <c>PASSWORD_VERIFIER</c> response, signature included, are equal byte for byte.
/// </summary>
public sealed class SrpSignInTests
{
    private const string PoolId = "ap-northeast-1_AbC123xyz";
    private const string Password = "Pa55-word!srp";
    private static readonly DateTimeOffset Time = new(2026, 2, 3, 7, 5, 9, TimeSpan.Zero);

    public static TheoryData<string> Vectors => [.. VectorInputs.Keys];

    // Each vector: the salt as Cognito would send it (hex), B, the user id, the password. The salts cover pad(): a leading
    // 0x00 byte that the integer parse drops (the edge case where clients can disagree), two of them, a 0x00 before a
    // high byte (pad puts it back), and a high first byte (pad adds one).
    private static readonly Dictionary<string, (string Salt, string SrpB, string UserId, string Password)> VectorInputs = new()
    {
        ["ordinary salt"] = ("3c" + Hex("salt-1", 15), Hex(Below("B-1")), "2f5d2c8e-7a61-4f0e-9c3b-1d2e3f4a5b6c", Password),
        ["salt with its high bit set"] = ("b7" + Hex("salt-2", 15), Hex(Below("B-2")), "alice", Password),
        ["salt starting with 00"] = ("004e" + Hex("salt-3", 14), Hex(Below("B-3")), "alice", Password),
        ["salt starting with 0000"] = ("00004e" + Hex("salt-4", 13), Hex(Below("B-4")), "alice", Password),
        ["salt starting with 00 before a high byte"] = ("009a" + Hex("salt-5", 14), Hex(Below("B-5")), "alice", Password),
        ["upper-case hex, short odd-length B"] = (("5a" + Hex("salt-6", 15)).ToUpperInvariant(), "5", "alice", Password),
        ["non-ASCII user and password"] = ("61" + Hex("salt-7", 15), Hex(Below("B-7")), "ユーザー", "パスワード-Ünïcode-1!"),
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void AnswerPasswordVerifier_FixedInputs_EqualsAmazonCognitoIdentityJs(string vector)
    {
        var (salt, srpB, userId, password) = VectorInputs[vector];
        var a = Bytes("a-" + vector, SrpSignIn.EphemeralBytes);
        var challenge = Challenge(salt, srpB, userId, Convert.ToBase64String(Bytes("block-" + vector, 1024)));

        var signIn = SrpSignIn.Start(Fixed(a));
        var claim = signIn.AnswerPasswordVerifier(challenge, PoolId, password, Time);

        var js = AmazonCognitoIdentityJs.Run(AmazonCognitoIdentityJs.SrpCase(PoolId, password, challenge, claim.Timestamp, Convert.ToHexString(a)))[0];
        Assert.Equal("USER_SRP_AUTH", js["authFlow"]!.GetValue<string>());
        Assert.Equal(js["srpA"]!.GetValue<string>(), signIn.SrpA);
        var expected = js["challengeResponses"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
        Assert.Equal(expected, claim.ToChallengeResponses());
        Assert.Equal(expected["PASSWORD_CLAIM_SIGNATURE"], claim.Signature);
    }

    [Fact]
    public void AnswerPasswordVerifier_WrongPassword_GivesAnotherSignatureThanTheRightOne()
    {
        var challenge = Challenge("3c" + Hex("salt-1", 15), Hex(Below("B-1")), "alice", Convert.ToBase64String(Bytes("block", 64)));
        var a = Bytes("a", SrpSignIn.EphemeralBytes);

        var right = SrpSignIn.Start(Fixed(a)).AnswerPasswordVerifier(challenge, PoolId, Password, Time);
        var wrong = SrpSignIn.Start(Fixed(a)).AnswerPasswordVerifier(challenge, PoolId, Password + "x", Time);
        var otherPool = SrpSignIn.Start(Fixed(a)).AnswerPasswordVerifier(challenge, "ap-northeast-1_Other", Password, Time);

        Assert.NotEqual(right.Signature, wrong.Signature);
        Assert.NotEqual(right.Signature, otherPool.Signature);
    }

    [Fact]
    public void AnswerPasswordVerifier_ReturnsTheChallengesUserIdAndSecretBlockUnchanged()
    {
        var block = Convert.ToBase64String(Bytes("block", 48));
        var challenge = Challenge("3c" + Hex("salt-1", 15), Hex(Below("B-1")), "user-id-for-srp", block);

        var claim = SrpSignIn.Start().AnswerPasswordVerifier(challenge, PoolId, Password, Time);

        Assert.Equal("user-id-for-srp", claim.Username);
        Assert.Equal(block, claim.SecretBlock);
        Assert.Equal("Tue Feb 3 07:05:09 UTC 2026", claim.Timestamp);
        Assert.Equal(32, Convert.FromBase64String(claim.Signature).Length);
    }

    [Fact]
    public void SrpA_IsGToTheEphemeralModNInLowerCaseHexWithoutLeadingZeros()
    {
        var a = new byte[SrpSignIn.EphemeralBytes];
        a[^1] = 0x02;
        a[^2] = 0x01; // a = 258: A = 2^258 = 0x4 followed by 64 zero digits

        var signIn = SrpSignIn.Start(Fixed(a));

        Assert.Equal("4" + new string('0', 64), signIn.SrpA);
    }

    [Fact]
    public void Start_WithoutASource_DrawsAFreshEphemeralEachTime()
    {
        var first = SrpSignIn.Start();
        var second = SrpSignIn.Start();

        Assert.NotEqual(first.SrpA, second.SrpA);
        Assert.InRange(first.SrpA.Length, 700, 768);
    }

    [Fact]
    public void Start_SourceGivesZeroFirst_DrawsAgain()
    {
        var draws = 0;
        var a = Bytes("a", SrpSignIn.EphemeralBytes);
        var signIn = SrpSignIn.Start(span => { if (draws++ > 0) { a.CopyTo(span); } else { span.Clear(); } });

        Assert.Equal(2, draws);
        Assert.Equal(SrpSignIn.Start(Fixed(a)).SrpA, signIn.SrpA);
    }

    [Fact]
    public void Start_SourceGivesOnlyZeros_Throws()
    {
        Assert.Throws<CryptographicException>(() => SrpSignIn.Start(span => span.Clear()));
    }

    public static TheoryData<string, string, string> Malformed => new()
    {
        { "SRP_B", "0", "0 modulo N" },
        { "SRP_B", Hex(SrpGroup.N), "0 modulo N" },
        { "SRP_B", Hex(SrpGroup.N * 3), "0 modulo N" },
        { "SRP_B", "12g4", "not a hexadecimal number" },
        { "SRP_B", "0x1234", "not a hexadecimal number" },
        { "SRP_B", "", "did not carry SRP_B" },
        { "SALT", "salt-is-not-hex", "not a hexadecimal number" },
        { "SALT", " 3c4d", "not a hexadecimal number" },
        { "SALT", new string('a', 5000), "not a hexadecimal number" },
        { "SECRET_BLOCK", "not base64!", "not Base64" },
        { "USER_ID_FOR_SRP", "", "did not carry USER_ID_FOR_SRP" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void AnswerPasswordVerifier_MalformedChallenge_ThrowsAClearErrorWithoutTheValues(string parameter, string value, string expected)
    {
        var challenge = new Dictionary<string, string>(Challenge("3c" + Hex("salt-1", 15), Hex(Below("B-1")), "alice", Convert.ToBase64String(Bytes("block", 48))))
        {
            [parameter] = value,
        };
        var signIn = SrpSignIn.Start(Fixed(Bytes("a", SrpSignIn.EphemeralBytes)));

        var exception = Assert.Throws<CognitoAuthenticationException>(() => signIn.AnswerPasswordVerifier(challenge, PoolId, Password, Time));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
        Assert.Contains(parameter, exception.Message, StringComparison.Ordinal);
        Assert.Equal("PASSWORD_VERIFIER", exception.ChallengeName);
        Assert.DoesNotContain(Password, exception.ToString(), StringComparison.Ordinal);
        if (value.Length > 1)
        {
            Assert.DoesNotContain(value, exception.ToString(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(signIn.SrpA[..32], exception.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AnswerPasswordVerifier_MissingParameter_NamesIt()
    {
        var challenge = Challenge("3c" + Hex("salt-1", 15), Hex(Below("B-1")), "alice", Convert.ToBase64String(Bytes("block", 48)));
        challenge.Remove("SALT");

        var exception = Assert.Throws<CognitoAuthenticationException>(() => SrpSignIn.Start().AnswerPasswordVerifier(challenge, PoolId, Password, Time));

        Assert.Contains("did not carry SALT", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("us-east-1")]
    [InlineData("us-east-1_")]
    [InlineData("")]
    public void AnswerPasswordVerifier_PoolIdWithoutAName_Throws(string poolId)
    {
        var challenge = Challenge("3c" + Hex("salt-1", 15), Hex(Below("B-1")), "alice", Convert.ToBase64String(Bytes("block", 48)));

        Assert.Throws<ArgumentException>(() => SrpSignIn.Start().AnswerPasswordVerifier(challenge, poolId, Password, Time));
    }

    [Fact]
    public void ToString_ShowsNoSrpValueOrSecret()
    {
        var block = Convert.ToBase64String(Bytes("block", 48));
        var signIn = SrpSignIn.Start(Fixed(Bytes("a", SrpSignIn.EphemeralBytes)));
        var claim = signIn.AnswerPasswordVerifier(Challenge("3c" + Hex("salt-1", 15), Hex(Below("B-1")), "alice", block), PoolId, Password, Time);

        foreach (var text in new[] { signIn.ToString(), claim.ToString() })
        {
            Assert.DoesNotContain(signIn.SrpA[..32], text, StringComparison.Ordinal);
            Assert.DoesNotContain(block[..16], text, StringComparison.Ordinal);
            Assert.DoesNotContain(claim.Signature, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
        }
    }

    internal static Dictionary<string, string> Challenge(string salt, string srpB, string userId, string secretBlock) => new(StringComparer.Ordinal)
    {
        ["SALT"] = salt,
        ["SRP_B"] = srpB,
        ["SECRET_BLOCK"] = secretBlock,
        ["USER_ID_FOR_SRP"] = userId,
        ["USERNAME"] = userId,
    };

    internal static RandomFill Fixed(byte[] bytes) => span => bytes.CopyTo(span);

    /// <summary>Fixed, arbitrary-looking bytes named by a label (SHA-256 in counter mode), so every run uses the same vector.</summary>
    internal static byte[] Bytes(string label, int length)
    {
        var output = new List<byte>(length + 32);
        for (var block = 0; output.Count < length; block++)
        {
            output.AddRange(SHA256.HashData(Encoding.UTF8.GetBytes($"{label}/{block}")));
        }

        return [.. output.Take(length)];
    }

    private static string Hex(string label, int length) => Convert.ToHexString(Bytes(label, length)).ToLowerInvariant();

    private static string Hex(BigInteger value) => Convert.ToHexString(value.ToByteArray(isUnsigned: true, isBigEndian: true)).ToLowerInvariant();

    private static BigInteger Below(string label) => new BigInteger(Bytes(label, 384), isUnsigned: true, isBigEndian: true) % SrpGroup.N;
}
